using System.Globalization;

namespace VoiceAuth.Portal.Cli.Seed;

/// <summary>What <c>seed</c> makes: how many people and calls, over how many days, from which random seed (same seed, same data).</summary>
internal sealed record SeedPlan(int Users, int Sessions, int Days = 90, int RandomSeed = 12)
{
    /// <summary>Every seeded account's address ends with this: the marker that the database already holds seeded data.</summary>
    public const string EmailDomain = "@seed.voiceauth.local";

    /// <summary>
    /// The engine name of seeded voiceprints. No engine has it, so the portal treats them as made by another engine
    /// (re-enroll before any call; voice sign-in refused) and never hands their empty state to a scorer.
    /// </summary>
    public const string SyntheticEngine = "seed-synthetic";

    public const string Usage = "usage: seed --users N --sessions N [--days 90] [--random-seed 12]   (Development only)";

    /// <summary>Reads the seed options from <paramref name="args"/>; the rest is left for the host (e.g. --environment).</summary>
    public static (SeedPlan Plan, string[] HostArgs) Parse(string[] args)
    {
        int users = 0, sessions = 0, days = 90, seed = 12;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users": users = Number(args, ++i); break;
                case "--sessions": sessions = Number(args, ++i); break;
                case "--days": days = Number(args, ++i); break;
                case "--random-seed": seed = Number(args, ++i); break;
                default: rest.Add(args[i]); break;
            }
        }

        if (users < 1 || sessions < 0 || days < 1)
        {
            throw new ArgumentException("--users must be ≥ 1, --sessions ≥ 0 and --days ≥ 1.");
        }

        return (new SeedPlan(users, sessions, days, seed), rest.ToArray());
    }

    private static int Number(string[] args, int i) => i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n
        : throw new ArgumentException($"{args[i - 1]} needs a whole number.");
}
