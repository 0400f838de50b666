using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RTopicsTopicSlot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Slot",
                table: "Topics",
                type: "INTEGER",
                nullable: true);

            // The topics proposed or accepted so far take their department's places in the order they came.
            migrationBuilder.Sql("""
                UPDATE "Topics" SET "Slot" = (
                    SELECT COUNT(*) FROM "Topics" AS "Other"
                    WHERE "Other"."MeetingId" = "Topics"."MeetingId" AND "Other"."DepartmentId" = "Topics"."DepartmentId"
                      AND "Other"."Status" IN ('Proposed', 'Accepted')
                      AND ("Other"."CreatedAt" < "Topics"."CreatedAt" OR ("Other"."CreatedAt" = "Topics"."CreatedAt" AND "Other"."Id" <= "Topics"."Id")))
                WHERE "Status" IN ('Proposed', 'Accepted');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Topics_MeetingId_DepartmentId_Slot",
                table: "Topics",
                columns: new[] { "MeetingId", "DepartmentId", "Slot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Topics_MeetingId_DepartmentId_Slot",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "Topics");
        }
    }
}
