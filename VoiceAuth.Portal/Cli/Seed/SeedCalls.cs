using System.Globalization;
using Microsoft.Data.Sqlite;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Audit;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// Seeded calls and the audit rows the portal would have written with them: one enrollment call per enrolled person
/// (when they enrolled), then verification calls over the last <see cref="SeedPlan.Days"/> days by enrolled people
/// (a few people call much more than the rest), with realistic endings — mostly passed, some failed (about half of
/// them passed on a second call minutes later), no answer, busy, voicemail, declined, canceled, engine errors.
/// No progress events (<c>SessionEvents</c>): only a live page replays them.
/// </summary>
internal sealed class SeedCalls(SqliteConnection connection, SeedPlan plan, Random random, DateTimeOffset now) : IDisposable
{
    private readonly BulkInsert bulk = new(connection);

    private Action<object?[]>? sessions;
    private Action<object?[]>? audit;

    private static readonly string[] SessionColumns = [ "Id", "UserId", "Client", "OidcClientId", "Purpose", "ForSignIn", "State",
        "CallCode", "CodeAttempts", "CalledNumber", "RequestedFrom", "Step", "StepsNeeded", "Retries", "Mismatches", "CallSid", "LastStatusSequence",
        "CallEnded", "Score", "Reason", "EventCount", "CreatedAt", "ExpiresAt", "StateChangedAt", "AnsweredAt", "CompletedAt", "ConsumedAt", "Version"];

    private static readonly string[] AuditColumns = ["At", "Kind", "Outcome", "ActorUserId", "ActorEmail", "SubjectUserId",
        "SubjectEmail", "ScoreBand", "Ip", "Application", "Detail"];

    public int Sessions { get; private set; }

    public int AuditRows { get; private set; }

    public void Write(IReadOnlyList<SeedPerson> people)
    {
        var insertSession = bulk.Into("Sessions", SessionColumns);
        var insertAudit = bulk.Into("AuditEntries", AuditColumns);
        sessions = values => { insertSession(values); Sessions++; };
        audit = values => { insertAudit(values); AuditRows++; };
        var enrolled = people.Where(p => p.Voice is SeedVoice.Enrolled or SeedVoice.Locked).ToArray();
        foreach (var p in people.Where(p => p.Voice != SeedVoice.None))
        {
            if (Sessions >= plan.Sessions)
            {
                break;
            }

            var done = p.Voice != SeedVoice.Enrolling;
            Call(p, SessionPurpose.Enroll, new DateTimeOffset(p.CreatedAt + TimeSpan.FromMinutes(8).Ticks, TimeSpan.Zero),
                done ? SessionState.Passed : random.NextDouble() < 0.5 ? SessionState.Canceled : SessionState.NoAnswer, forSignIn: false, client: null);
        }

        while (Sessions < plan.Sessions && enrolled.Length > 0)
        {
            // Skewed: the square of a uniform number picks low indices more often (some people verify daily, most rarely).
            var p = enrolled[(int)(enrolled.Length * Math.Pow(random.NextDouble(), 2))];
            var at = now.AddSeconds(-plan.Days * 86_400.0 * random.NextDouble());
            var client = random.NextDouble() switch { < 0.15 => "Sample Shop", < 0.2 => "Payroll", _ => null };
            var forSignIn = client is null && random.NextDouble() < 0.7;
            var state = Outcome();
            Call(p, SessionPurpose.Verify, at, state, forSignIn, client);
            if (state == SessionState.Failed && Sessions < plan.Sessions && random.NextDouble() < 0.5)
            {
                // Tried again a few minutes later and passed: the false-reject indicator the dashboard counts.
                Call(p, SessionPurpose.Verify, at.AddSeconds(random.Next(60, 300)), SessionState.Passed, forSignIn, client);
            }
        }

        // An operator unlocking a few locked people, as the admin console would have recorded it.
        foreach (var p in people.Where(p => p.Voice == SeedVoice.Locked).Take(people.Count / 1000 + 1))
        {
            audit!([now.AddDays(-random.Next(1, plan.Days)).UtcTicks, nameof(AuditKind.AdminUnlock), "Succeeded", null, "ops" + SeedPlan.EmailDomain,
                p.Id, p.Email, null, "203.0.113.10", null, "Unlocked voice verification"]);
        }
    }

    private SessionState Outcome() => random.NextDouble() switch
    {
        < 0.70 => SessionState.Passed,
        < 0.78 => SessionState.Failed,
        < 0.87 => SessionState.NoAnswer,
        < 0.90 => SessionState.Busy,
        < 0.92 => SessionState.Voicemail,
        < 0.93 => SessionState.Declined,
        < 0.96 => SessionState.Canceled,
        < 0.98 => SessionState.Error,
        _ => SessionState.Expired,
    };

    private void Call(SeedPerson p, SessionPurpose purpose, DateTimeOffset created, SessionState state, bool forSignIn, string? client)
    {
        var answered = state is SessionState.Passed or SessionState.Failed or SessionState.Error or SessionState.Voicemail
            || (state == SessionState.Canceled && random.NextDouble() < 0.5)
            ? created.AddSeconds(random.Next(4, 20)) : (DateTimeOffset?)null;
        var talk = purpose == SessionPurpose.Enroll ? random.Next(45, 120) : random.Next(15, 45);
        var completed = answered?.AddSeconds(talk) ?? created.AddSeconds(state == SessionState.Busy ? random.Next(2, 6) : random.Next(25, 40));
        int? score = state switch
        {
            SessionState.Passed => random.Next(72, 99),
            SessionState.Failed => random.Next(5, 60),
            _ => null,
        };
        ReasonCode? reason = state switch
        {
            SessionState.Passed => ReasonCode.Ok,
            SessionState.Failed => random.NextDouble() < 0.8 ? ReasonCode.Mismatch : ReasonCode.WrongPhrase,
            SessionState.Error => random.NextDouble() < 0.5 ? ReasonCode.ServiceUnavailable : ReasonCode.CallFailed,
            SessionState.Canceled => ReasonCode.HungUp,
            _ => null,
        };
        var ip = client is null ? string.Create(CultureInfo.InvariantCulture, $"198.51.100.{random.Next(1, 255)}") : null;
        var steps = purpose == SessionPurpose.Enroll ? 3 : 1;
        var detail = $"{purpose}{(forSignIn ? " for sign-in" : "")}";
        var id = SeedPeople.NewId(random);
        sessions!([id.ToString().ToUpperInvariant(), p.Id, client, null, purpose.ToString(), forSignIn ? 1 : 0, state.ToString(),
            random.Next(1000, 10_000).ToString(CultureInfo.InvariantCulture), 0, p.Phone, ip, answered is null ? 0 : steps, steps, 0,
            state == SessionState.Failed ? 1 : 0, "CA" + id.ToString("N"), 4, 1, score, reason?.ToString(), answered is null ? 3 : 6,
            created.UtcTicks, created.AddMinutes(10).UtcTicks, completed.UtcTicks, answered?.UtcTicks, completed.UtcTicks,
            state == SessionState.Passed && forSignIn ? completed.AddSeconds(1).UtcTicks : null, 6]);

        if (forSignIn)
        {
            audit!([created.AddSeconds(-3).UtcTicks, nameof(AuditKind.SignInPassword), "Succeeded", p.Id, p.Email, p.Id, p.Email, null, ip, null, null]);
        }

        audit!([created.UtcTicks, nameof(AuditKind.CallStarted), "Started", null, null, p.Id, p.Email, null, ip, client, detail]);
        var kind = purpose == SessionPurpose.Enroll && state == SessionState.Passed ? AuditKind.VoiceprintEnrolled : AuditKind.CallEnded;
        audit!([completed.UtcTicks, kind.ToString(), state.ToString(), null, null, p.Id, p.Email, ScoreBands.Describe(score), null, client,
            reason is { } r ? $"{detail}: {r}" : detail]);
        if (forSignIn && state == SessionState.Passed)
        {
            audit!([completed.AddSeconds(1).UtcTicks, nameof(AuditKind.SignInVoice), "Succeeded", p.Id, p.Email, p.Id, p.Email, ScoreBands.Describe(score), ip, null, null]);
        }
    }

    public void Dispose() => bulk.Dispose();
}
