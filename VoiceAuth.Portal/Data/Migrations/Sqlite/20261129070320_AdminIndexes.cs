using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceAuth.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sessions_CreatedAt",
                table: "Sessions");

            migrationBuilder.AddColumn<long>(
                name: "LastCallAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            // Each person's newest call so far: the portal keeps the column from now on, with every new call.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "LastCallAt" = (SELECT MAX(s."CreatedAt") FROM "Sessions" s WHERE s."UserId" = "AspNetUsers"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Voiceprints_ConsecutiveFailures",
                table: "Voiceprints",
                column: "ConsecutiveFailures");

            migrationBuilder.CreateIndex(
                name: "IX_Voiceprints_IsComplete_LockedUntil_EnrollmentCount",
                table: "Voiceprints",
                columns: new[] { "IsComplete", "LockedUntil", "EnrollmentCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Voiceprints_LockedUntil",
                table: "Voiceprints",
                column: "LockedUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_CreatedAt_Purpose_State_AnsweredAt_CompletedAt",
                table: "Sessions",
                columns: new[] { "CreatedAt", "Purpose", "State", "AnsweredAt", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorEmail_At",
                table: "AuditEntries",
                columns: new[] { "ActorEmail", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorUserId_At",
                table: "AuditEntries",
                columns: new[] { "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Kind_Outcome_At",
                table: "AuditEntries",
                columns: new[] { "Kind", "Outcome", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Outcome_At",
                table: "AuditEntries",
                columns: new[] { "Outcome", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectEmail_At",
                table: "AuditEntries",
                columns: new[] { "SubjectEmail", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LastCallAt_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "LastCallAt", "NormalizedEmail" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Voiceprints_ConsecutiveFailures",
                table: "Voiceprints");

            migrationBuilder.DropIndex(
                name: "IX_Voiceprints_IsComplete_LockedUntil_EnrollmentCount",
                table: "Voiceprints");

            migrationBuilder.DropIndex(
                name: "IX_Voiceprints_LockedUntil",
                table: "Voiceprints");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_CreatedAt_Purpose_State_AnsweredAt_CompletedAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorEmail_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorUserId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Kind_Outcome_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Outcome_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectEmail_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LastCallAt_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastCallAt",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_CreatedAt",
                table: "Sessions",
                column: "CreatedAt");
        }
    }
}
