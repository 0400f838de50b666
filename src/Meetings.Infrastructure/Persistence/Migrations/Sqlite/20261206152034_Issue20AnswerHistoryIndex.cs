using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue20AnswerHistoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InvitationHistory_InvitationId",
                table: "InvitationHistory");

            migrationBuilder.CreateIndex(
                name: "IX_InvitationHistory_InvitationId_Id",
                table: "InvitationHistory",
                columns: new[] { "InvitationId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InvitationHistory_InvitationId_Id",
                table: "InvitationHistory");

            migrationBuilder.CreateIndex(
                name: "IX_InvitationHistory_InvitationId",
                table: "InvitationHistory",
                column: "InvitationId");
        }
    }
}
