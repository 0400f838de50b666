namespace Meetings.Domain.Meetings;

/// <summary>Through which channel an answer or change came.</summary>
public enum AnswerChannel
{
    /// <summary>A department's key (the API).</summary>
    Api,

    /// <summary>The personal link: <c>PUT /api/rsvp/{token}</c> or the answer page.</summary>
    Token,

    /// <summary>A calendar reply (iTIP REPLY).</summary>
    Calendar,

    /// <summary>The office: an admin key, or the service on the office's behalf (a reschedule, a new head).</summary>
    Admin,
}
