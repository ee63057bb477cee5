using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallCodesAndLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CallCode",
                table: "Sessions",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalledNumber",
                table: "Sessions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CodeAttempts",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RequestedFrom",
                table: "Sessions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_CalledNumber_CreatedAt",
                table: "Sessions",
                columns: new[] { "CalledNumber", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_CreatedAt",
                table: "Sessions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_RequestedFrom_CreatedAt",
                table: "Sessions",
                columns: new[] { "RequestedFrom", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "UX_Users_ConfirmedPhoneNumber",
                table: "AspNetUsers",
                column: "PhoneNumber",
                unique: true,
                filter: "[PhoneNumberConfirmed] = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sessions_CalledNumber_CreatedAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_CreatedAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_RequestedFrom_CreatedAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "UX_Users_ConfirmedPhoneNumber",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CallCode",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "CalledNumber",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "CodeAttempts",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "RequestedFrom",
                table: "Sessions");
        }
    }
}
