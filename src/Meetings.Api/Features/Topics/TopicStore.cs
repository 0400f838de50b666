using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// What the topics' use cases load. Topics are scoped by department: a department key sees and changes only its own
/// department's topics (<see cref="Topic.OfDepartment"/>); another department's topic is a 404. A department key reaches
/// the topics of a published meeting, and of a draft only while it has a call for topics (a draft is otherwise the office's).
/// </summary>
internal static class TopicStore
{
    /// <summary>The meeting (tracked; with its agenda when asked) as far as the caller may reach its topics; 404 otherwise.</summary>
    public static async Task<Meeting> LoadMeetingForTopics(this MeetingsDbContext db, Caller caller, Guid meetingId, bool withAgenda, CancellationToken ct)
    {
        IQueryable<Meeting> meetings = withAgenda ? db.Meetings.Include(m => m.AgendaItems) : db.Meetings;
        if (!caller.IsAdmin)
        {
            meetings = meetings.Where(m => m.Status != MeetingStatus.Draft || db.TopicCalls.Any(c => c.MeetingId == m.Id));
        }

        return await meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("Meeting", meetingId);
    }

    /// <summary>The topic (tracked), if it is the meeting's and — for a department key — its own department's; 404 otherwise.</summary>
    public static async Task<Topic> LoadTopic(this MeetingsDbContext db, Caller caller, Guid meetingId, Guid topicId, CancellationToken ct)
    {
        var topics = db.Topics.Where(t => t.Id == topicId && t.MeetingId == meetingId);
        if (caller.DepartmentScope is { } own)
        {
            topics = topics.Where(Topic.OfDepartment(own));
        }

        return await topics.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Topic", topicId);
    }

    public static Task<TopicCall?> LoadCall(this MeetingsDbContext db, Guid meetingId, CancellationToken ct) =>
        db.TopicCalls.SingleOrDefaultAsync(c => c.MeetingId == meetingId, ct);

    public static async Task<Department> LoadDepartment(this MeetingsDbContext db, Guid departmentId, string field, CancellationToken ct) =>
        await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct)
        ?? throw DomainValidationException.For(field, "names no department.");

    /// <summary>
    /// The meeting and department behind a head's personal link: the head's invitation link (not a delegate's), or the
    /// call's own link while the department's head is still the one it was made for. Anything else is a 404.
    /// </summary>
    public static async Task<(Guid MeetingId, Department Department)> ResolveLink(this MeetingsDbContext db, string token, CancellationToken ct)
    {
        var checkedToken = Answers.LinkTokens.Checked(token);
        var invited = await db.Invitations.AsNoTracking()
            .Where(i => i.Token == checkedToken && i.DepartmentId != null && i.WithdrawnAt == null)
            .Select(i => new { i.MeetingId, DepartmentId = i.DepartmentId!.Value }).SingleOrDefaultAsync(ct);
        if (invited is null)
        {
            var (call, head) = await db.ResolveCallLink(checkedToken, ct);
            return (call.MeetingId, head);
        }

        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == invited.DepartmentId, ct);
        if (department is null || !department.Active)
        {
            throw NotFoundException.Invitation(); // a department gone
        }

        return (invited.MeetingId, department);
    }

    /// <summary>
    /// The call and department behind a call's own link (<paramref name="checkedToken"/> checked already), while the
    /// department's head is still the one it was made for; anything else is a 404.
    /// </summary>
    public static async Task<(TopicCall Call, Department Department)> ResolveCallLink(this MeetingsDbContext db, string checkedToken, CancellationToken ct)
    {
        // The call is read with its links (a query into the owned links needs APPLY, which SQLite lacks).
        var call = await db.TopicCalls.AsNoTracking().Where(c => c.Links.Any(l => l.Token == checkedToken)).SingleOrDefaultAsync(ct)
            ?? throw NotFoundException.Invitation();
        var own = call.FindLink(checkedToken)!;
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == own.DepartmentId, ct);
        if (department is null || !own.IsFor(department))
        {
            throw NotFoundException.Invitation(); // a department gone, or a call link that outlived its head
        }

        return (call, department);
    }

    /// <summary>The meeting's call for topics, untracked (null: none).</summary>
    public static Task<TopicCall?> CallOf(this MeetingsDbContext db, Guid meetingId, CancellationToken ct) =>
        db.TopicCalls.AsNoTracking().SingleOrDefaultAsync(c => c.MeetingId == meetingId, ct);

    /// <summary>
    /// The meeting's call and the department's topics with their status, for a meeting known by what the caller holds (its
    /// status and start): no call, no topics query. <paramref name="call"/>: the call when loaded already.
    /// </summary>
    public static async Task<LinkTopicsResponse> TopicsOf(
        this MeetingsDbContext db, Guid meetingId, Guid departmentId, MeetingStatus status, DateTimeOffset startsAt, DateTimeOffset now, CancellationToken ct,
        TopicCall? call = null)
    {
        call ??= await db.CallOf(meetingId, ct);
        if (call is null)
        {
            return LinkTopicsResponse.WithoutCall(meetingId, departmentId);
        }

        var topics = await db.Topics.AsNoTracking().Where(t => t.MeetingId == meetingId).Where(Topic.OfDepartment(departmentId))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var open = call.TakesProposalsAt(status, startsAt, now);
        var canPropose = open && topics.Count(t => t.IsActive) < Topic.MaxActivePerDepartment;
        return new LinkTopicsResponse(meetingId, departmentId, TopicCallResponse.From(call, open), canPropose, topics.Select(TopicResponse.From).ToList(), topics.Count);
    }
}
