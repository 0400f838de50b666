using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue15Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                name: "FeedbackTalkRatings",
                columns: table => new
                {
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeedbackPseudonym = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_MeetingId",
                table: "Feedback",
                column: "MeetingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackTalkRatings");

            migrationBuilder.DropTable(
                name: "Feedback");
        }
    }
}
