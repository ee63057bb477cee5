using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConsumedAt",
                table: "Sessions",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsumedAt",
                table: "Sessions");
        }
    }
}
