using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.SqlServer
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
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true,
                computedColumnSql: "RIGHT([PhoneNumber], 4)");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ActorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ActorEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    SubjectUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    SubjectEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ScoreBand = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Ip = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true),
                    Application = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
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
                CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM inserted)
                        THROW 51000, 'Audit entries are append-only.', 1;
                    IF EXISTS (SELECT 1 FROM deleted
                               WHERE [At] > (DATEDIFF_BIG(SECOND, CAST('0001-01-01' AS datetime2), SYSUTCDATETIME()) - 90 * 86400) * 10000000)
                        THROW 51001, 'Audit entries younger than the retention floor cannot be deleted.', 1;
                    DELETE a FROM [AuditEntries] a INNER JOIN deleted d ON a.[Id] = d.[Id];
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_AppendOnly];");

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
