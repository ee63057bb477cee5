using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionStateChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StateChangedAt",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StateChangedAt",
                table: "Sessions");
        }
    }
}
