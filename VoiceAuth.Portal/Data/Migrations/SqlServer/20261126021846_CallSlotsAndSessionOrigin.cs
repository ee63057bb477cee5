using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallSlotsAndSessionOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Client",
                table: "Sessions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ForSignIn",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CallSlots",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Stamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallSlots", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CallSlots_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallSlots");

            migrationBuilder.DropColumn(
                name: "Client",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ForSignIn",
                table: "Sessions");
        }
    }
}
