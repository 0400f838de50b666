using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue26PersonInAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorEmail",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorSubject",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorEmail",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "ActorSubject",
                table: "AuditLog");
        }
    }
}
