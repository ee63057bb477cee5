using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "VoiceLockedUntil",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VoiceStage",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Backfill once from the voiceprints (one pass, before the indexes are built), then the triggers keep the
            // copy in the statement that writes the voiceprint — whatever writes it (a save, ExecuteUpdate, the seeder).
            // The stage numbers are Data/VoiceStage's.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET
                    "VoiceStage" = CASE WHEN v."IsComplete" THEN 2 WHEN v."EnrollmentCount" > 0 THEN 1 ELSE 0 END,
                    "VoiceLockedUntil" = v."LockedUntil",
                    "VoiceFailures" = v."ConsecutiveFailures"
                FROM "Voiceprints" AS v WHERE v."UserId" = "AspNetUsers"."Id";
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Voiceprints_AccountVoiceStatus" AFTER INSERT ON "Voiceprints"
                BEGIN
                    UPDATE "AspNetUsers" SET
                        "VoiceStage" = CASE WHEN NEW."IsComplete" THEN 2 WHEN NEW."EnrollmentCount" > 0 THEN 1 ELSE 0 END,
                        "VoiceLockedUntil" = NEW."LockedUntil",
                        "VoiceFailures" = NEW."ConsecutiveFailures"
                    WHERE "Id" = NEW."UserId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Voiceprints_AccountVoiceStatus_Update" AFTER UPDATE ON "Voiceprints"
                BEGIN
                    UPDATE "AspNetUsers" SET "VoiceStage" = 0, "VoiceLockedUntil" = NULL, "VoiceFailures" = 0
                    WHERE "Id" = OLD."UserId" AND OLD."UserId" <> NEW."UserId";
                    UPDATE "AspNetUsers" SET
                        "VoiceStage" = CASE WHEN NEW."IsComplete" THEN 2 WHEN NEW."EnrollmentCount" > 0 THEN 1 ELSE 0 END,
                        "VoiceLockedUntil" = NEW."LockedUntil",
                        "VoiceFailures" = NEW."ConsecutiveFailures"
                    WHERE "Id" = NEW."UserId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Voiceprints_AccountVoiceStatus_Delete" AFTER DELETE ON "Voiceprints"
                BEGIN
                    UPDATE "AspNetUsers" SET "VoiceStage" = 0, "VoiceLockedUntil" = NULL, "VoiceFailures" = 0
                    WHERE "Id" = OLD."UserId";
                END;
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
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Voiceprints_AccountVoiceStatus\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Voiceprints_AccountVoiceStatus_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Voiceprints_AccountVoiceStatus_Delete\";");

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
