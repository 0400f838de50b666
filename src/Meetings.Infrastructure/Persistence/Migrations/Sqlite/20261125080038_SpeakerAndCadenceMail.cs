using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Meetings.Domain.Mail;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SpeakerAndCadenceMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "Series",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "RecipientEmail",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "Deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SpeakerId",
                table: "Deliveries",
                type: "TEXT",
                nullable: true);

            // Rows planned before this migration: the key column takes the recipient's (normalised) address, and
            // existing series count as created now (no "missed" alert for years before this version ran).
            migrationBuilder.Sql("UPDATE \"Deliveries\" SET \"RecipientEmail\" = lower(\"Recipient_Email\");");
            migrationBuilder.Sql("UPDATE \"Series\" SET \"CreatedAt\" = CAST(strftime('%s', 'now') AS INTEGER) * 10000000 + 621355968000000000;");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_Scope_RecipientEmail_Kind_Occasion",
                table: "Deliveries",
                columns: new[] { "Scope", "RecipientEmail", "Kind", "Occasion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SeriesId",
                table: "Deliveries",
                column: "SeriesId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_Scope_RecipientEmail_Kind_Occasion",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SeriesId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Series");

            migrationBuilder.DropColumn(
                name: "RecipientEmail",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "SpeakerId",
                table: "Deliveries");
        }
    }
}
