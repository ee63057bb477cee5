using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneLast4",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 4,
                nullable: true,
                computedColumnSql: "substr(\"PhoneNumber\", -4)");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubjectUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubjectEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ScoreBand = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    Application = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneLast4",
                table: "AspNetUsers",
                column: "PhoneLast4");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Kind_At",
                table: "AuditEntries",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectUserId_At",
                table: "AuditEntries",
                columns: new[] { "SubjectUserId", "At" });

            // Append-only, enforced by the database: no update ever; deletion only of rows older than 90 days
            // (AuditOptions.MinimumRetentionDays; At is UTC ticks), which is what the retention sweeper deletes.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'Audit entries are append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_RetainedOnly" BEFORE DELETE ON "AuditEntries"
                WHEN OLD."At" > (CAST(strftime('%s', 'now') AS INTEGER) + 62135596800 - 90 * 86400) * 10000000
                BEGIN SELECT RAISE(ABORT, 'Audit entries younger than the retention floor cannot be deleted.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_RetainedOnly\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_AppendOnly\";");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneLast4",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PhoneLast4",
                table: "AspNetUsers");
        }
    }
}
