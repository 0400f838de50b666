using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Meetings.Bench;

/// <summary>One department invitation of the benchmark meeting, and what its answers are sent with.</summary>
/// <param name="Key">The department's own API key (an intranet portal's), for answers by key and calendar replies.</param>
internal sealed record RsvpTarget(string InvitationId, string DepartmentId, string Token, string Email, string? Key);

/// <summary>
/// The RSVP scenarios' data: 1,000 departments with a head each, a meeting published to them, a key per department; the
/// personal links read from the service's SQLite file (no response shows them), and — for the run "with history" — the
/// answers of an installation that has run a while, written straight into that file while the service is stopped.
/// </summary>
internal static class RsvpArrangement
{
    public const int Departments = 1000;

    /// <summary>City, series, <see cref="Departments"/> departments, a meeting published to them; returns the meeting's id.</summary>
    public static async Task<string> PublishMeeting(HttpClient admin)
    {
        var series = await Arrangement.Series(admin, Departments);
        var meeting = await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddDays(30).ToString("O") });
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        return meeting;
    }

    /// <summary>The personal links of the meeting's department invitations, as the answer page and portals use them.</summary>
    public static async Task<List<string>> PublishedMeetingTokens(HttpClient admin, string folder)
    {
        var meeting = await PublishMeeting(admin);
        return Targets(folder, meeting).Select(t => t.Token).ToList();
    }

    /// <summary>An API key of role department for each department (as each department's intranet portal has one).</summary>
    public static async Task<Dictionary<string, string>> DepartmentKeys(HttpClient admin, IEnumerable<string> departmentIds)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in departmentIds.Chunk(8))
        {
            var created = await Task.WhenAll(chunk.Select(async department =>
            {
                var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = $"Portal {department}", role = "department", departmentId = department });
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"/api/api-keys: {(int)response.StatusCode} {text}");
                }

                return (department, JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!);
            }));
            foreach (var (department, key) in created)
            {
                keys[department] = key;
            }
        }

        return keys;
    }

    /// <summary>
    /// The meeting's department invitations with their personal links, read from the service's database file (in WAL mode
    /// a reader beside the running service is fine): the API shows no invitee's token.
    /// </summary>
    public static List<RsvpTarget> Targets(string folder, string meetingId, IReadOnlyDictionary<string, string>? keys = null)
    {
        using var connection = Open(folder, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Id, DepartmentId, RsvpToken, Recipient_Email FROM Invitations
            WHERE upper(MeetingId) = upper($meeting) AND Kind = 'Department' ORDER BY Recipient_Email
            """;
        command.Parameters.AddWithValue("$meeting", meetingId);
        using var reader = command.ExecuteReader();
        var targets = new List<RsvpTarget>();
        while (reader.Read())
        {
            var department = reader.GetString(1);
            targets.Add(new RsvpTarget(reader.GetString(0), department, reader.GetString(2), reader.GetString(3), keys?.GetValueOrDefault(department)));
        }

        return targets.Count == Departments
            ? targets
            : throw new InvalidOperationException($"expected {Departments} department invitations in the database, found {targets.Count}");
    }

    /// <summary>The latest id of the answers' history: the rows added between two readings are the answers stored as changes.</summary>
    public static long LatestHistoryId(string folder)
    {
        using var connection = Open(folder, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(Id), 0) FROM InvitationHistory";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// The history of an installation that has run a while, written straight into the stopped service's database file:
    /// <paramref name="meetings"/> earlier meetings (copies of <paramref name="meetingId"/> with new ids) with the same
    /// department invitations, each answered <paramref name="answersEach"/> times — a history entry and an audit row per
    /// answer, as the service writes them. Returns the history rows written.
    /// </summary>
    public static int SeedHistory(string folder, string meetingId, int meetings, int answersEach)
    {
        using var connection = Open(folder, readOnly: false);
        using var transaction = connection.BeginTransaction();
        var meetingColumns = Columns(connection, "Meetings");
        var invitationColumns = Columns(connection, "Invitations");
        var templates = new List<string>();
        string storedMeetingId;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Meetings WHERE upper(Id) = upper($meeting)";
            read.Parameters.AddWithValue("$meeting", meetingId);
            storedMeetingId = (string)read.ExecuteScalar()!;
        }

        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Invitations WHERE upper(MeetingId) = upper($meeting) AND Kind = 'Department'";
            read.Parameters.AddWithValue("$meeting", meetingId);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                templates.Add(reader.GetString(0));
            }
        }

        using var copyMeeting = Copy(connection, "Meetings", meetingColumns, new() { ["Id"] = "$id", ["Title"] = "'Earlier meeting'" });
        using var copyInvitation = Copy(connection, "Invitations", invitationColumns, new()
        {
            ["Id"] = "$id", ["MeetingId"] = "$meeting", ["RsvpToken"] = "$token", ["DelegateToken"] = "NULL",
            ["Status"] = "'Declined'", ["HistoryTotal"] = answersEach.ToString(CultureInfo.InvariantCulture),
        });
        using var addHistory = connection.CreateCommand();
        addHistory.CommandText = "INSERT INTO InvitationHistory (InvitationId, Status, At, Via, Actor, Note) VALUES ($invitation, $status, $at, $via, $actor, NULL)";
        using var addAudit = connection.CreateCommand();
        addAudit.CommandText = """
            INSERT INTO AuditLog (Id, At, ActorKind, KeyId, ActorName, InvitationId, Operation, Change, ResourceType, ResourceId)
            VALUES ($id, $at, 'Token', NULL, 'personal link', $invitation, 'AnswerByToken', 'Updated', 'invitation', $invitation)
            """;
        foreach (var p in new[] { "$invitation", "$status", "$at", "$via", "$actor" })
        {
            addHistory.Parameters.Add(p, SqliteType.Text);
        }

        foreach (var p in new[] { "$id", "$at", "$invitation" })
        {
            addAudit.Parameters.Add(p, SqliteType.Text);
        }

        addHistory.Transaction = addAudit.Transaction = transaction;
        var written = 0;
        var at = DateTimeOffset.UtcNow.AddYears(-2).UtcTicks;
        for (var m = 0; m < meetings; m++)
        {
            var meeting = NewId();
            copyMeeting.Transaction = copyInvitation.Transaction = transaction;
            Run(copyMeeting, ("$id", meeting), ("$source", storedMeetingId));
            foreach (var template in templates)
            {
                var invitation = NewId();
                Run(copyInvitation, ("$id", invitation), ("$meeting", meeting), ("$token", Convert.ToHexString(Guid.NewGuid().ToByteArray()) + m), ("$source", template));
                for (var a = 0; a < answersEach; a++)
                {
                    at += TimeSpan.TicksPerSecond;
                    addHistory.Parameters["$invitation"].Value = invitation;
                    addHistory.Parameters["$status"].Value = a % 2 == 0 ? "Accepted" : "Declined";
                    addHistory.Parameters["$at"].Value = at;
                    addHistory.Parameters["$via"].Value = a % 3 == 0 ? "Api" : "Token";
                    addHistory.Parameters["$actor"].Value = a % 3 == 0 ? "Portal" : "personal link";
                    addHistory.ExecuteNonQuery();
                    addAudit.Parameters["$id"].Value = NewId();
                    addAudit.Parameters["$at"].Value = at;
                    addAudit.Parameters["$invitation"].Value = invitation;
                    addAudit.ExecuteNonQuery();
                    written++;
                }
            }
        }

        transaction.Commit();
        return written;
    }

    private static string NewId() => Guid.CreateVersion7().ToString().ToUpperInvariant();

    private static SqliteConnection Open(string folder, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "meetings.db"),
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>INSERT … SELECT of the row <c>$source</c> with some columns replaced.</summary>
    private static SqliteCommand Copy(SqliteConnection connection, string table, List<string> columns, Dictionary<string, string> replaced)
    {
        var command = connection.CreateCommand();
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => replaced.GetValueOrDefault(c) ?? $"\"{c}\""));
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" WHERE Id = $source";
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
