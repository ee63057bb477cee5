using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AdminIndexes2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Sessions_State_Purpose_CreatedAt_UserId",
                table: "Sessions",
                columns: new[] { "State", "Purpose", "CreatedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_UserId_Purpose_State_CreatedAt",
                table: "Sessions",
                columns: new[] { "UserId", "Purpose", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers",
                column: "LockoutEnd");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sessions_State_Purpose_CreatedAt_UserId",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_UserId_Purpose_State_CreatedAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers");
        }
    }
}
