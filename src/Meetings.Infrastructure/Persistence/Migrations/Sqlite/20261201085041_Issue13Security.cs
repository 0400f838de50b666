using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue13Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Speakers_MeetingId_Email",
                table: "Speakers");

            migrationBuilder.AddColumn<int>(
                name: "DelegateChanges",
                table: "Invitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DelegateChangesSince",
                table: "Invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegateToken",
                table: "Invitations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HistoryTotal",
                table: "Invitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Speakers_MeetingId_CityId_Email",
                table: "Speakers",
                columns: new[] { "MeetingId", "CityId", "Email" },
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_DelegateToken",
                table: "Invitations",
                column: "DelegateToken",
                unique: true);

            // Existing data: the history counted so far, and a link of their own for the delegates named so far (256 random
            // bits, hex: URL-safe; their mails carried the invitee's link until now).
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"HistoryTotal\" = "
                + "(SELECT COUNT(*) FROM \"InvitationHistory\" h WHERE h.\"InvitationId\" = \"Invitations\".\"Id\");");
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"DelegateToken\" = lower(hex(randomblob(32))) "
                + "WHERE \"Status\" = 'Delegated' AND \"Delegate_Email\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Speakers_MeetingId_CityId_Email",
                table: "Speakers");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_DelegateToken",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "DelegateChanges",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "DelegateChangesSince",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "DelegateToken",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "HistoryTotal",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Speakers_MeetingId_Email",
                table: "Speakers",
                columns: new[] { "MeetingId", "Email" },
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Confirmed')");
        }
    }
}
