using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>
/// Seeded accounts: mostly e-mail-confirmed, most with a confirmed phone; about 60 % enrolled (a few locked), some
/// half-way through enrollment, the rest never enrolled. No password hash: nobody can sign in as a seeded account.
/// </summary>
internal static class SeedPeople
{
    private static readonly string[] First = ["ann", "anna", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nina", "oscar", "peggy", "rupert", "sybil", "trent", "victor", "wendy"];
    private static readonly string[] Last = ["smith", "jones", "brown", "taylor", "wilson", "evans", "thomas", "roberts", "walker", "wright", "green", "hall", "wood", "clarke", "hughes", "lewis"];

    /// <summary>The disabled mark: Identity's lockout end at the end of time (what <c>AdminActions</c> sets).</summary>
    private static readonly long Disabled = DateTimeOffset.MaxValue.UtcTicks;

    public static IReadOnlyList<SeedPerson> Write(SqliteConnection connection, SeedPlan plan, Random random, DateTimeOffset now)
    {
        var people = new List<SeedPerson>(plan.Users);
        using var bulk = new BulkInsert(connection);
        var users = bulk.Into("AspNetUsers", "Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAt", "DisplayName", "Email",
            "EmailConfirmed", "LockoutEnabled", "LockoutEnd", "NormalizedEmail", "NormalizedUserName", "PasswordHash", "PhoneNumber",
            "PhoneNumberConfirmed", "SecurityStamp", "TwoFactorEnabled", "UserName");
        for (var i = 0; i < plan.Users; i++)
        {
            var first = First[random.Next(First.Length)];
            var last = Last[random.Next(Last.Length)];
            var email = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{i}{SeedPlan.EmailDomain}");
            // Unique per person (area code by ten-thousands, the last four cycle), so "last four digits" finds ~N/10 000 people.
            var phone = string.Create(CultureInfo.InvariantCulture, $"+1{201 + i / 10_000 % 700}555{i % 10_000:D4}");
            var created = now.AddDays(-(plan.Days + 300) * random.NextDouble()).UtcTicks;
            var confirmed = random.NextDouble() < 0.9;
            var voice = !confirmed ? SeedVoice.None : random.NextDouble() switch
            {
                < 0.01 => SeedVoice.Locked,
                < 0.62 => SeedVoice.Enrolled,
                < 0.67 => SeedVoice.Enrolling,
                _ => SeedVoice.None,
            };
            var voiceOn = voice is SeedVoice.Enrolled or SeedVoice.Locked && random.NextDouble() < 0.85;
            var person = new SeedPerson(NewId(random).ToString(), email, phone, created, voice, voiceOn, confirmed);
            people.Add(person);
            users([person.Id, 0, NewId(random).ToString(), created, $"{Title(first)} {Title(last)}", email, confirmed ? 1 : 0, 1,
                random.NextDouble() < 0.003 ? Disabled : null, email.ToUpperInvariant(), email.ToUpperInvariant(), null, phone,
                voice != SeedVoice.None ? 1 : 0, NewId(random).ToString("N").ToUpperInvariant(), voiceOn ? 1 : 0, email]);
        }

        return people;
    }

    public static int WriteVoiceprints(SqliteConnection connection, IReadOnlyList<SeedPerson> people, Random random, DateTimeOffset now)
    {
        using var bulk = new BulkInsert(connection);
        var count = 0;
        var voiceprints = bulk.Into("Voiceprints", "Id", "ConsecutiveFailures", "CreatedAt", "Engine", "EnrolledAt",
            "EnrollmentCount", "IsComplete", "LockedUntil", "ProtectedState", "UpdatedAt", "UserId", "Version");
        var consents = bulk.Into("VoiceConsents", "UserId", "ConsentedAt", "TextVersion");
        foreach (var p in people.Where(p => p.Voice != SeedVoice.None))
        {
            var enrolledAt = p.CreatedAt + TimeSpan.FromMinutes(10).Ticks;
            var complete = p.Voice is SeedVoice.Enrolled or SeedVoice.Locked;
            var failures = p.Voice == SeedVoice.Enrolled && random.NextDouble() < 0.08 ? random.Next(1, 5) : 0;
            // Uppercase text: how EF Core's SQLite provider stores a Guid.
            voiceprints([NewId(random).ToString().ToUpperInvariant(), failures, p.CreatedAt, SeedPlan.SyntheticEngine, complete ? enrolledAt : null,
                complete ? 3 : random.Next(1, 3), complete ? 1 : 0, p.Voice == SeedVoice.Locked ? now.AddMinutes(random.Next(5, 30)).UtcTicks : null,
                Array.Empty<byte>(), enrolledAt, p.Id, 1]);
            consents([p.Id, p.CreatedAt + TimeSpan.FromMinutes(5).Ticks, 1]);
            count++;
        }

        return count;
    }

    public static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4, as Guid.NewGuid makes
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    private static string Title(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
