using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AccountVoiceStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VoiceFailures",
                table: "AspNetUsers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "VoiceLockedUntil",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VoiceStage",
                table: "AspNetUsers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Backfill once from the voiceprints (one pass, before the indexes are built), then the triggers keep the
            // copy in the statement that writes the voiceprint — whatever writes it (a save, ExecuteUpdate, a script).
            // The stage numbers are Data/VoiceStage's.
            migrationBuilder.Sql("""
                UPDATE u SET
                    [VoiceStage] = CASE WHEN v.[IsComplete] = 1 THEN 2 WHEN v.[EnrollmentCount] > 0 THEN 1 ELSE 0 END,
                    [VoiceLockedUntil] = v.[LockedUntil],
                    [VoiceFailures] = v.[ConsecutiveFailures]
                FROM [AspNetUsers] u INNER JOIN [Voiceprints] v ON v.[UserId] = u.[Id];
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [Voiceprints_AccountVoiceStatus] ON [Voiceprints] AFTER INSERT AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE u SET
                        [VoiceStage] = CASE WHEN i.[IsComplete] = 1 THEN 2 WHEN i.[EnrollmentCount] > 0 THEN 1 ELSE 0 END,
                        [VoiceLockedUntil] = i.[LockedUntil],
                        [VoiceFailures] = i.[ConsecutiveFailures]
                    FROM [AspNetUsers] u INNER JOIN inserted i ON i.[UserId] = u.[Id];
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [Voiceprints_AccountVoiceStatus_Update] ON [Voiceprints] AFTER UPDATE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE u SET [VoiceStage] = 0, [VoiceLockedUntil] = NULL, [VoiceFailures] = 0
                    FROM [AspNetUsers] u INNER JOIN deleted d ON d.[UserId] = u.[Id]
                    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.[UserId] = u.[Id]);
                    UPDATE u SET
                        [VoiceStage] = CASE WHEN i.[IsComplete] = 1 THEN 2 WHEN i.[EnrollmentCount] > 0 THEN 1 ELSE 0 END,
                        [VoiceLockedUntil] = i.[LockedUntil],
                        [VoiceFailures] = i.[ConsecutiveFailures]
                    FROM [AspNetUsers] u INNER JOIN inserted i ON i.[UserId] = u.[Id];
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [Voiceprints_AccountVoiceStatus_Delete] ON [Voiceprints] AFTER DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE u SET [VoiceStage] = 0, [VoiceLockedUntil] = NULL, [VoiceFailures] = 0
                    FROM [AspNetUsers] u INNER JOIN deleted d ON d.[UserId] = u.[Id];
                END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceFailures_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "VoiceFailures", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceLockedUntil",
                table: "AspNetUsers",
                column: "VoiceLockedUntil");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceStage_CreatedAt_Id",
                table: "AspNetUsers",
                columns: new[] { "VoiceStage", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceStage_LastCallAt_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "VoiceStage", "LastCallAt", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceStage_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "VoiceStage", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_VoiceStage_VoiceFailures_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "VoiceStage", "VoiceFailures", "NormalizedEmail" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [Voiceprints_AccountVoiceStatus];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [Voiceprints_AccountVoiceStatus_Update];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [Voiceprints_AccountVoiceStatus_Delete];");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceFailures_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceLockedUntil",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceStage_CreatedAt_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceStage_LastCallAt_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceStage_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_VoiceStage_VoiceFailures_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "VoiceFailures",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "VoiceLockedUntil",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "VoiceStage",
                table: "AspNetUsers");
        }
    }
}
