using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
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

            // An index on an expression, which the model cannot describe: the dashboard groups by day ("CreatedAt" /
            // ticks per day, written exactly so in AdminDashboard) and reads it in GROUP BY order, covering, no sort.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Sessions_Day_Purpose_State" ON "Sessions" ("CreatedAt" / 864000000000, "Purpose", "State", "AnsweredAt", "CompletedAt", "CreatedAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Sessions_Day_Purpose_State";""");

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
