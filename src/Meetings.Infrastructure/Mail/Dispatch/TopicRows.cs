using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// What the topic mails of one dispatch batch are about (<see cref="TopicFacts"/>): the meetings' calls for topics, the
/// topics decided, the departments, and the heads' open invitations (whose link a call mail carries once the meeting is
/// published).
/// </summary>
internal sealed class TopicRows
{
    public static readonly TopicRows None = new([], [], [], []);

    private readonly Dictionary<Guid, TopicCall> _calls;
    private readonly Dictionary<Guid, Topic> _topics;
    private readonly Dictionary<Guid, Department> _departments;
    private readonly Dictionary<(Guid MeetingId, Guid DepartmentId), string> _invitationTokens;

    private TopicRows(
        Dictionary<Guid, TopicCall> calls, Dictionary<Guid, Topic> topics, Dictionary<Guid, Department> departments,
        Dictionary<(Guid, Guid), string> invitationTokens)
    {
        (_calls, _topics, _departments, _invitationTokens) = (calls, topics, departments, invitationTokens);
    }

    public static async Task<TopicRows> LoadAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var topicRows = rows.Where(r => MailPlans.Owns<TopicMail>(r.Kind)).ToList();
        if (topicRows.Count == 0)
        {
            return None;
        }

        var meetingIds = topicRows.Select(r => r.MeetingId).OfType<Guid>().Distinct().ToList();
        var calls = await db.TopicCalls.AsNoTracking().Where(c => meetingIds.Contains(c.MeetingId)).ToDictionaryAsync(c => c.MeetingId, ct);
        var topicIds = topicRows.Select(r => r.Occasion).OfType<Occasion.TopicOccasion>().Select(o => o.TopicId).Distinct().ToList();
        var topics = await db.Topics.AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var departmentIds = topicRows.Select(r => r.DepartmentId).OfType<Guid>().Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var tokens = (await db.Invitations.AsNoTracking()
                .Where(i => meetingIds.Contains(i.MeetingId) && i.DepartmentId != null && departmentIds.Contains(i.DepartmentId.Value) && i.WithdrawnAt == null)
                .Select(i => new { i.MeetingId, DepartmentId = i.DepartmentId!.Value, i.Token }).ToListAsync(ct))
            .GroupBy(i => (i.MeetingId, i.DepartmentId)).ToDictionary(g => g.Key, g => g.First().Token);
        return new TopicRows(calls, topics, departments, tokens);
    }

    public TopicFacts For(Delivery row, Meeting? meeting)
    {
        var call = row.MeetingId is { } meetingId ? _calls.GetValueOrDefault(meetingId) : null;
        var topic = row.Occasion is Occasion.TopicOccasion o ? _topics.GetValueOrDefault(o.TopicId) : null;
        var department = row.DepartmentId is { } departmentId ? _departments.GetValueOrDefault(departmentId) : null;
        return new TopicFacts(call, topic, department, LinkOf(meeting, call, department));
    }

    /// <summary>The head's invitation link once the meeting is published, else the call's own link (while it is the head's).</summary>
    private string? LinkOf(Meeting? meeting, TopicCall? call, Department? department)
    {
        if (meeting is null || department is null)
        {
            return null;
        }

        if (meeting.Status != MeetingStatus.Draft && _invitationTokens.GetValueOrDefault((meeting.Id, department.Id)) is { } token)
        {
            return token;
        }

        return call?.Links.FirstOrDefault(l => l.IsFor(department))?.Token;
    }
}
