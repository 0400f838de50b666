using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    KeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    ActorSubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    ActorEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ResourceType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "C"),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SpeakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: true),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false, collation: "C"),
                    Recipient_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Recipient_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Recipient_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Recipient_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "de", collation: "C"),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Occasion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Head_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Head_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Head_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Head_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "de", collation: "C"),
                    Deputy_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Deputy_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Deputy_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Deputy_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true, defaultValue: "de", collation: "C"),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeactivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Departments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentChunks",
                columns: table => new
                {
                    BlobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentChunks", x => new { x.BlobId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "Feeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    RefId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Body = table.Column<byte[]>(type: "bytea", nullable: true),
                    Headers = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedMessages",
                columns: table => new
                {
                    Identity = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Destination = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedMessages", x => x.Identity);
                });

            migrationBuilder.CreateTable(
                name: "Series",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    HostCityId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    MinMeetingsPerYear = table.Column<int>(type: "integer", nullable: false),
                    DefaultDurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    DefaultLocation_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    DefaultLocation_Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, collation: "C"),
                    DefaultLocation_Room = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    DefaultLocation_OnlineUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Series_Cities_HostCityId",
                        column: x => x.HostCityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Hint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Cities_CityId",
                        column: x => x.CityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Motto = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Location_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Location_Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, collation: "C"),
                    Location_Room = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    Location_OnlineUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    RsvpDeadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    CancellationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ReminderOffsets = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RsvpNudge = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meetings_Series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "Series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SeriesHosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "de", collation: "C"),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesHosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriesHosts_Series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "Series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Presenter_Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Presenter_RefId = table.Column<Guid>(type: "uuid", nullable: true),
                    Presenter_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DatePolls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    ChosenSlotId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatePolls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DatePolls_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    TopicId = table.Column<Guid>(type: "uuid", nullable: true),
                    SpeakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CityId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Documents_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Pseudonym = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Pseudonym);
                    table.ForeignKey(
                        name: "FK_Feedback_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    SpeakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Recipient_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Recipient_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Recipient_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Recipient_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "de", collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Delegate_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Delegate_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Delegate_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Delegate_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true, defaultValue: "de", collation: "C"),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RsvpToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DelegateToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    HistoryTotal = table.Column<int>(type: "integer", nullable: false),
                    DelegateChangesSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DelegateChanges = table.Column<int>(type: "integer", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attended = table.Column<bool>(type: "boolean", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invitations_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invitations_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Minutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Edition = table.Column<int>(type: "integer", nullable: false),
                    Keeper_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Keeper_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Keeper_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Keeper_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true, defaultValue: "de", collation: "C"),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Minutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Minutes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Speakers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    CityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Organization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    TalkTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Abstract = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    RequestedMinutes = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Speakers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Speakers_Cities_CityId",
                        column: x => x.CityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Speakers_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    MeetingStartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnnouncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnnouncedInEdition = table.Column<int>(type: "integer", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tasks_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tasks_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TopicCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopicCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TopicCalls_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    RequestedMinutes = table.Column<int>(type: "integer", nullable: false),
                    DecisionNeeded = table.Column<bool>(type: "boolean", nullable: false),
                    PresenterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    PresenterEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Topics_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Topics_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PollId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Recipient_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Recipient_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Recipient_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Recipient_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "de", collation: "C"),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Delegate_Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Delegate_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Delegate_Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Delegate_Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true, defaultValue: "de", collation: "C"),
                    DelegateToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VotedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollBallots_DatePolls_PollId",
                        column: x => x.PollId,
                        principalTable: "DatePolls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PollId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollSlots_DatePolls_PollId",
                        column: x => x.PollId,
                        principalTable: "DatePolls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentVersions",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    UploadedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false, collation: "C"),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BlobId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentVersions", x => new { x.DocumentId, x.Number });
                    table.ForeignKey(
                        name: "FK_DocumentVersions_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackTalkRatings",
                columns: table => new
                {
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackPseudonym = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Rating = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackTalkRatings", x => new { x.FeedbackPseudonym, x.AgendaItemId });
                    table.ForeignKey(
                        name: "FK_FeedbackTalkRatings_Feedback_FeedbackPseudonym",
                        column: x => x.FeedbackPseudonym,
                        principalTable: "Feedback",
                        principalColumn: "Pseudonym",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvitationHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Via = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Actor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true, collation: "C"),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvitationHistory_Invitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "Invitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MinutesEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    MinutesId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinutesEntries_Minutes_MinutesId",
                        column: x => x.MinutesId,
                        principalTable: "Minutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Via = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Actor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskHistory_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TopicCallLinks",
                columns: table => new
                {
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicCallId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeadEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopicCallLinks", x => new { x.TopicCallId, x.DepartmentId });
                    table.ForeignKey(
                        name: "FK_TopicCallLinks_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TopicCallLinks_TopicCalls_TopicCallId",
                        column: x => x.TopicCallId,
                        principalTable: "TopicCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_MeetingId_Position",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_CityId",
                table: "ApiKeys",
                column: "CityId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_DepartmentId",
                table: "ApiKeys",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_At",
                table: "AuditLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_KeyId_At",
                table: "AuditLog",
                columns: new[] { "KeyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_ResourceType_ResourceId_At",
                table: "AuditLog",
                columns: new[] { "ResourceType", "ResourceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Cities_Name",
                table: "Cities",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DatePolls_MeetingId",
                table: "DatePolls",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_InvitationId",
                table: "Deliveries",
                column: "InvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_MeetingId",
                table: "Deliveries",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_Scope_RecipientEmail_Kind_Occasion",
                table: "Deliveries",
                columns: new[] { "Scope", "RecipientEmail", "Kind", "Occasion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SeriesId",
                table: "Deliveries",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_Status_DueAt",
                table: "Deliveries",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_TaskId",
                table: "Deliveries",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Active",
                table: "Departments",
                column: "Active");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Code",
                table: "Departments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Documents_MeetingId",
                table: "Documents",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentVersions_BlobId",
                table: "DocumentVersions",
                column: "BlobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_MeetingId",
                table: "Feedback",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Feeds_PersonEmail",
                table: "Feeds",
                column: "PersonEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Feeds_Token",
                table: "Feeds",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_CreatedAt",
                table: "IdempotencyRecords",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Scope_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Scope", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationHistory_InvitationId_Id",
                table: "InvitationHistory",
                columns: new[] { "InvitationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_DelegateToken",
                table: "Invitations",
                column: "DelegateToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_DepartmentId",
                table: "Invitations",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_MeetingId_DepartmentId",
                table: "Invitations",
                columns: new[] { "MeetingId", "DepartmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_RsvpToken",
                table: "Invitations",
                column: "RsvpToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_SeriesId_StartsAt",
                table: "Meetings",
                columns: new[] { "SeriesId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Status_StartsAt",
                table: "Meetings",
                columns: new[] { "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_MeetingId",
                table: "Minutes",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MinutesEntries_MinutesId",
                table: "MinutesEntries",
                column: "MinutesId");

            migrationBuilder.CreateIndex(
                name: "IX_PollBallots_DelegateToken",
                table: "PollBallots",
                column: "DelegateToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollBallots_PollId_DepartmentId",
                table: "PollBallots",
                columns: new[] { "PollId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_PollBallots_Token",
                table: "PollBallots",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollSlots_PollId",
                table: "PollSlots",
                column: "PollId");

            migrationBuilder.CreateIndex(
                name: "IX_Series_HostCityId",
                table: "Series",
                column: "HostCityId");

            migrationBuilder.CreateIndex(
                name: "IX_SeriesHosts_SeriesId",
                table: "SeriesHosts",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_Speakers_CityId",
                table: "Speakers",
                column: "CityId");

            migrationBuilder.CreateIndex(
                name: "IX_Speakers_MeetingId_CityId",
                table: "Speakers",
                columns: new[] { "MeetingId", "CityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Speakers_MeetingId_CityId_Email",
                table: "Speakers",
                columns: new[] { "MeetingId", "CityId", "Email" },
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_TaskHistory_TaskId",
                table: "TaskHistory",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_DepartmentId_Status",
                table: "Tasks",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_MeetingId",
                table: "Tasks",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_SeriesId_MeetingStartsAt",
                table: "Tasks",
                columns: new[] { "SeriesId", "MeetingStartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TopicCallLinks_DepartmentId",
                table: "TopicCallLinks",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TopicCallLinks_Token",
                table: "TopicCallLinks",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TopicCalls_MeetingId",
                table: "TopicCalls",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Topics_DepartmentId",
                table: "Topics",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_MeetingId_DepartmentId_Slot",
                table: "Topics",
                columns: new[] { "MeetingId", "DepartmentId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Topics_MeetingId_DepartmentId_Status",
                table: "Topics",
                columns: new[] { "MeetingId", "DepartmentId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Deliveries");

            migrationBuilder.DropTable(
                name: "DocumentChunks");

            migrationBuilder.DropTable(
                name: "DocumentVersions");

            migrationBuilder.DropTable(
                name: "FeedbackTalkRatings");

            migrationBuilder.DropTable(
                name: "Feeds");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "InvitationHistory");

            migrationBuilder.DropTable(
                name: "MinutesEntries");

            migrationBuilder.DropTable(
                name: "PollBallots");

            migrationBuilder.DropTable(
                name: "PollSlots");

            migrationBuilder.DropTable(
                name: "ProcessedMessages");

            migrationBuilder.DropTable(
                name: "SeriesHosts");

            migrationBuilder.DropTable(
                name: "Speakers");

            migrationBuilder.DropTable(
                name: "TaskHistory");

            migrationBuilder.DropTable(
                name: "TopicCallLinks");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropTable(
                name: "Invitations");

            migrationBuilder.DropTable(
                name: "Minutes");

            migrationBuilder.DropTable(
                name: "DatePolls");

            migrationBuilder.DropTable(
                name: "Tasks");

            migrationBuilder.DropTable(
                name: "TopicCalls");

            migrationBuilder.DropTable(
                name: "Departments");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Series");

            migrationBuilder.DropTable(
                name: "Cities");
        }
    }
}
