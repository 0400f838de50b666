using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meetings.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnswerPageAndLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "SeriesHosts",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "de");

            migrationBuilder.AddColumn<string>(
                name: "Delegate_Language",
                table: "Invitations",
                type: "TEXT",
                maxLength: 8,
                nullable: true,
                defaultValue: "de");

            migrationBuilder.AddColumn<string>(
                name: "Recipient_Language",
                table: "Invitations",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "de");

            migrationBuilder.AddColumn<string>(
                name: "Deputy_Language",
                table: "Departments",
                type: "TEXT",
                maxLength: 8,
                nullable: true,
                defaultValue: "de");

            migrationBuilder.AddColumn<string>(
                name: "Head_Language",
                table: "Departments",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "de");

            migrationBuilder.AddColumn<string>(
                name: "Recipient_Language",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "de");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "SeriesHosts");

            migrationBuilder.DropColumn(
                name: "Delegate_Language",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Recipient_Language",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Deputy_Language",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Head_Language",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Recipient_Language",
                table: "Deliveries");
        }
    }
}
