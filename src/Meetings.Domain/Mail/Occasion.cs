using System.Globalization;
using System.Text.RegularExpressions;

namespace Meetings.Domain.Mail;

/// <summary>
/// What a mail is for, within its kind: the part of the ledger's unique key (scope, recipient, kind, occasion)
/// that tells two mails of one kind to one recipient apart — the invitation, the update of sequence 3, the
/// P7D reminder for the start of 8 October, the alert for 2027 at risk. A typed value: rules read its parts,
/// never a string. <see cref="Key"/> is its stored form (unique in the ledger), read back by <see cref="FromKey"/>.
/// </summary>
public abstract partial record Occasion
{
    public static readonly Occasion Invitation = new Named("invitation");

    /// <summary>The meeting was cancelled.</summary>
    public static readonly Occasion Cancellation = new Named("cancel");

    /// <summary>The invitation was withdrawn (department deactivated, speaker withdrawn).</summary>
    public static readonly Occasion Withdrawal = new Named("withdrawn");

    /// <summary>The meeting was completed: those who attended are asked for their feedback, once.</summary>
    public static readonly Occasion FeedbackRequest = new Named("feedback");

    private static readonly Occasion[] NamedOccasions = [Invitation, Cancellation, Withdrawal, FeedbackRequest];

    /// <summary>The stored form; the same occasion always has the same key.</summary>
    public abstract string Key { get; }

    /// <summary>
    /// The invitation once more, with a new personal link: the invitation was re-opened, or went to someone new,
    /// at <paramref name="at"/> (whoever had it before, their link ended then).
    /// </summary>
    public static Occasion Reissue(DateTimeOffset at) => new ReissueOccasion(at.ToUniversalTime());

    /// <summary>
    /// The personal link mailed again at the office's request (<c>resend-link</c>), with the link the holder has (not a
    /// new one): each request is an occasion of its own, <paramref name="request"/>, so that each is one mail.
    /// </summary>
    public static Occasion LinkResent(Guid request) => new LinkResentOccasion(request);

    /// <summary>An update of the meeting to this SEQUENCE, telling what changed (a new time unless said otherwise).</summary>
    public static Occasion Update(int sequence, MeetingChange changes = MeetingChange.Time) => new UpdateOccasion(sequence, changes);

    /// <summary>A reminder <paramref name="offset"/> before the start it was planned for.</summary>
    public static Occasion Reminder(TimeSpan offset, DateTimeOffset start) => new ReminderOccasion(offset, start.ToUniversalTime());

    /// <summary>The nudge <paramref name="offset"/> before the RSVP deadline it was planned for.</summary>
    public static Occasion Nudge(TimeSpan offset, DateTimeOffset deadline) => new NudgeOccasion(offset, deadline.ToUniversalTime());

    /// <summary>A decision on this speaker (or the speaker's withdrawal).</summary>
    public static Occasion Speaker(Guid speakerId) => new SpeakerOccasion(speakerId);

    /// <summary>A cadence alert: once per year and level.</summary>
    public static Occasion Cadence(int year, CadenceStatus level) => new CadenceOccasion(year, level);

    /// <summary>A bounce alert: once per meeting and hour (UTC) in which its mails came back.</summary>
    public static Occasion BounceHour(DateTimeOffset at) => new BounceHourOccasion(new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero));

    /// <summary>The minutes of this edition (1, then one more with each re-opening).</summary>
    public static Occasion Minutes(int edition) => new MinutesOccasion(edition);

    /// <summary>The tasks announced with the minutes of this edition.</summary>
    public static Occasion TasksAssigned(int edition) => new TasksAssignedOccasion(edition);

    /// <summary>The due (or overdue) mail of a task, for its plan <paramref name="revision"/> and due date.</summary>
    public static Occasion TaskDate(bool overdue, Guid taskId, int revision, DateOnly dueOn) => new TaskDateOccasion(overdue, taskId, revision, dueOn);

    /// <summary>A mail of a date poll: <c>poll-open</c>, <c>poll-r2</c> (revision 2), <c>poll-nudge@{deadline ticks}</c>, <c>poll-chosen</c>, <c>poll-ballot@{ticks}</c>.</summary>
    public static Occasion Poll(string what) => new PollOccasion(what);
    /// <summary>
    /// The call for topics with this deadline, as opened at <paramref name="openedAt"/>: a new deadline is a new call mail, and
    /// so is the call opened again (after it was closed) with the same deadline.
    /// </summary>
    public static Occasion TopicCall(DateTimeOffset deadline, DateTimeOffset openedAt) => new TopicCallOccasion(deadline.ToUniversalTime(), openedAt.ToUniversalTime());

    /// <summary>A decision on this topic (accepted, declined, or an accepted one withdrawn).</summary>
    public static Occasion Topic(Guid topicId) => new TopicOccasion(topicId);

    /// <summary>Reads a stored <see cref="Key"/> back; the keys of the kinds never look alike.</summary>
    public static Occasion FromKey(string key)
    {
        if (NamedOccasions.FirstOrDefault(o => o.Key == key) is { } named)
        {
            return named;
        }

        if (key.StartsWith(PollOccasion.Prefix, StringComparison.Ordinal) && key.Length > PollOccasion.Prefix.Length)
        {
            return new PollOccasion(key[PollOccasion.Prefix.Length..]);
        }

        if (EditionKey().Match(key) is { Success: true } edition)
        {
            var number = int.Parse(edition.Groups["edition"].Value, CultureInfo.InvariantCulture);
            return edition.Groups["what"].Value == "minutes" ? new MinutesOccasion(number) : new TasksAssignedOccasion(number);
        }

        if (TaskDateKey().Match(key) is { Success: true } taskDate
            && DateOnly.TryParseExact(taskDate.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn))
        {
            return new TaskDateOccasion(
                taskDate.Groups["what"].Value == "overdue", Guid.ParseExact(taskDate.Groups["task"].Value, "N"),
                int.Parse(taskDate.Groups["revision"].Value, CultureInfo.InvariantCulture), dueOn);
        }

        if (key.StartsWith(ReissueOccasion.Prefix, StringComparison.Ordinal) && long.TryParse(key.AsSpan(ReissueOccasion.Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var reissued))
        {
            return new ReissueOccasion(new DateTimeOffset(reissued, TimeSpan.Zero));
        }

        if (key.StartsWith(LinkResentOccasion.Prefix, StringComparison.Ordinal) && key.Length == LinkResentOccasion.Prefix.Length + 32
            && Guid.TryParseExact(key.AsSpan(LinkResentOccasion.Prefix.Length), "N", out var request))
        {
            return new LinkResentOccasion(request);
        }

        if (UpdateKey().Match(key) is { Success: true } update && UpdateOccasion.ChangesOf(update.Groups["changes"].Value) is { } changes)
        {
            return new UpdateOccasion(int.Parse(update.Groups["sequence"].Value, CultureInfo.InvariantCulture), changes);
        }

        if (TimedKey().Match(key) is { Success: true } timed)
        {
            var offset = System.Xml.XmlConvert.ToTimeSpan(timed.Groups["offset"].Value);
            var at = new DateTimeOffset(long.Parse(timed.Groups["ticks"].Value, CultureInfo.InvariantCulture), TimeSpan.Zero);
            return timed.Groups["nudge"].Success ? new NudgeOccasion(offset, at) : new ReminderOccasion(offset, at);
        }

        if (key.StartsWith(TopicCallOccasion.Prefix, StringComparison.Ordinal) && TopicCallOccasion.Parse(key.AsSpan(TopicCallOccasion.Prefix.Length)) is { } topicCall)
        {
            return topicCall;
        }

        if (key.StartsWith(TopicOccasion.Prefix, StringComparison.Ordinal) && key.Length == TopicOccasion.Prefix.Length + 32
            && Guid.TryParseExact(key.AsSpan(TopicOccasion.Prefix.Length), "N", out var topicId))
        {
            return new TopicOccasion(topicId);
        }

        if (key.Length == 32 && Guid.TryParseExact(key, "N", out var speakerId))
        {
            return new SpeakerOccasion(speakerId);
        }

        if (CadenceKey().Match(key) is { Success: true } cadence && CadenceOccasion.LevelOf(cadence.Groups["level"].Value) is { } level)
        {
            return new CadenceOccasion(int.Parse(cadence.Groups["year"].Value, CultureInfo.InvariantCulture), level);
        }

        if (key.StartsWith(BounceHourOccasion.Prefix, StringComparison.Ordinal)
            && DateTimeOffset.TryParseExact(key.AsSpan(BounceHourOccasion.Prefix.Length), BounceHourOccasion.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour))
        {
            return new BounceHourOccasion(hour.ToUniversalTime());
        }

        throw new FormatException($"'{key}' is not an occasion of the delivery ledger.");
    }

    public sealed override string ToString() => Key;

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^seq-(?<sequence>[0-9]{1,9})(?<changes>(-[a-z]+)*)$")]
    private static partial Regex UpdateKey();

    [GeneratedRegex(@"^(?<nudge>nudge-)?(?<offset>P[0-9A-Z.]+)@(?<ticks>[0-9]+)$")]
    private static partial Regex TimedKey();

    [GeneratedRegex(@"^(?<what>minutes|tasks)-v(?<edition>[0-9]{1,9})$")]
    private static partial Regex EditionKey();

    [GeneratedRegex(@"^(?<what>due|overdue)-(?<task>[0-9a-f]{32})-r(?<revision>[0-9]{1,9})@(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})$")]
    private static partial Regex TaskDateKey();

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<level>[a-z-]+)$")]
    private static partial Regex CadenceKey();

    /// <summary>An occasion that happens once per recipient: the invitation, the cancellation, the withdrawal.</summary>
    public sealed record Named : Occasion
    {
        internal Named(string name) => Name = name;

        public string Name { get; }

        public override string Key => Name;
    }

    /// <summary>The bounce alert of one hour: <c>bounced@2026-10-08T14Z</c>.</summary>
    public sealed record BounceHourOccasion(DateTimeOffset Hour) : Occasion
    {
        internal const string Prefix = "bounced@";
        internal const string Format = "yyyy-MM-dd'T'HH'Z'";

        public override string Key => Prefix + Hour.ToString(Format, CultureInfo.InvariantCulture);
    }

    public sealed record ReissueOccasion(DateTimeOffset At) : Occasion
    {
        internal const string Prefix = "invitation@";

        public override string Key => Prefix + Ticks(At);
    }

    /// <summary>The link mailed again: <c>link-{request}</c>.</summary>
    public sealed record LinkResentOccasion(Guid Request) : Occasion
    {
        internal const string Prefix = "link-";

        public override string Key => Prefix + Request.ToString("N");
    }

    /// <summary>
    /// The call for topics: <c>topic-call@{deadline UTC ticks}-o{opened UTC ticks}</c>. A key stored before the opening was part
    /// of it (<c>topic-call@{deadline ticks}</c>) reads back without <see cref="OpenedAt"/>.
    /// </summary>
    public sealed record TopicCallOccasion(DateTimeOffset Deadline, DateTimeOffset? OpenedAt) : Occasion
    {
        internal const string Prefix = "topic-call@";
        private const string Opened = "-o";

        public override string Key => Prefix + Ticks(Deadline) + (OpenedAt is { } opened ? Opened + Ticks(opened) : string.Empty);

        internal static TopicCallOccasion? Parse(ReadOnlySpan<char> rest)
        {
            var split = rest.IndexOf(Opened, StringComparison.Ordinal);
            var deadlinePart = split < 0 ? rest : rest[..split];
            if (!long.TryParse(deadlinePart, NumberStyles.None, CultureInfo.InvariantCulture, out var deadline))
            {
                return null;
            }

            if (split < 0)
            {
                return new TopicCallOccasion(new DateTimeOffset(deadline, TimeSpan.Zero), null);
            }

            return long.TryParse(rest[(split + Opened.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var opened)
                ? new TopicCallOccasion(new DateTimeOffset(deadline, TimeSpan.Zero), new DateTimeOffset(opened, TimeSpan.Zero))
                : null;
        }
    }

    /// <summary>A decision on a topic: <c>topic-{id}</c>.</summary>
    public sealed record TopicOccasion(Guid TopicId) : Occasion
    {
        internal const string Prefix = "topic-";

        public override string Key => Prefix + TopicId.ToString("N");
    }

    /// <summary>An update: <c>seq-3</c> for a new time (the form of every update before details updates existed), <c>seq-3-title-location</c> otherwise.</summary>
    public sealed record UpdateOccasion(int Sequence, MeetingChange Changes) : Occasion
    {
        public override string Key => "seq-" + Sequence.ToString(CultureInfo.InvariantCulture)
            + (Changes == MeetingChange.Time ? string.Empty : string.Concat(Names.Where(n => Changes.HasFlag(n.Change)).Select(n => "-" + n.Name)));

        /// <summary>Whether the invitee is asked to answer again: only a new time does.</summary>
        public bool AsksForAnswer => Changes.HasFlag(MeetingChange.Time);

        private static readonly (MeetingChange Change, string Name)[] Names =
            [(MeetingChange.Time, "time"), (MeetingChange.Title, "title"), (MeetingChange.Location, "location")];

        internal static MeetingChange? ChangesOf(string suffix)
        {
            if (suffix.Length == 0)
            {
                return MeetingChange.Time;
            }

            MeetingChange changes = 0;
            foreach (var name in suffix[1..].Split('-'))
            {
                var known = Names.FirstOrDefault(n => n.Name == name);
                if (known.Name is null)
                {
                    return null;
                }

                changes |= known.Change;
            }

            return changes;
        }
    }

    public sealed record ReminderOccasion(TimeSpan Offset, DateTimeOffset Start) : Occasion
    {
        public override string Key => $"{System.Xml.XmlConvert.ToString(Offset)}@{Ticks(Start)}";
    }

    public sealed record NudgeOccasion(TimeSpan Offset, DateTimeOffset Deadline) : Occasion
    {
        public override string Key => $"nudge-{System.Xml.XmlConvert.ToString(Offset)}@{Ticks(Deadline)}";
    }

    public sealed record SpeakerOccasion(Guid SpeakerId) : Occasion
    {
        public override string Key => SpeakerId.ToString("N");
    }

    public sealed record CadenceOccasion(int Year, CadenceStatus Level) : Occasion
    {
        public override string Key => $"{Year.ToString(CultureInfo.InvariantCulture)}-{CadenceLevel.Name(Level)}";

        internal static CadenceStatus? LevelOf(string name) =>
            Enum.GetValues<CadenceStatus>().Select(l => (CadenceStatus?)l).FirstOrDefault(l => CadenceLevel.Name(l!.Value) == name);
    }

    public sealed record MinutesOccasion(int Edition) : Occasion
    {
        public override string Key => "minutes-v" + Edition.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record TasksAssignedOccasion(int Edition) : Occasion
    {
        public override string Key => "tasks-v" + Edition.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A task's due (or overdue) mail: <c>due-{task}-r2@2026-05-01</c>.</summary>
    public sealed record TaskDateOccasion(bool Overdue, Guid TaskId, int Revision, DateOnly DueOn) : Occasion
    {
        public override string Key =>
            $"{(Overdue ? "overdue" : "due")}-{TaskId:N}-r{Revision.ToString(CultureInfo.InvariantCulture)}@{DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A date poll's mail: <c>poll-{what}</c> (the poll's plan file gives <c>what</c> its meaning).</summary>
    public sealed record PollOccasion(string What) : Occasion
    {
        internal const string Prefix = "poll-";

        public override string Key => Prefix + What;
    }
}
