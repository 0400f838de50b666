using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue23Issue24PollsAndTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatePolls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ChosenSlotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "TopicCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RequestedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionNeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    PresenterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PresenterEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PollId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Recipient_Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recipient_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Recipient_Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Recipient_Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false, defaultValue: "de"),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Delegate_Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Delegate_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Delegate_Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Delegate_Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true, defaultValue: "de"),
                    DelegateToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VotedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VotedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PollId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "TopicCallLinks",
                columns: table => new
                {
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TopicCallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeadEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_DatePolls_MeetingId",
                table: "DatePolls",
                column: "MeetingId",
                unique: true);

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
                name: "IX_Topics_MeetingId_DepartmentId_Status",
                table: "Topics",
                columns: new[] { "MeetingId", "DepartmentId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PollBallots");

            migrationBuilder.DropTable(
                name: "PollSlots");

            migrationBuilder.DropTable(
                name: "TopicCallLinks");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "DatePolls");

            migrationBuilder.DropTable(
                name: "TopicCalls");
        }
    }
}
