using System.Globalization;

namespace VoiceAuth.Bench.Admin;

/// <summary>
/// Options of the admin benchmark. <c>--db FILE</c> keeps the seeded database: a file that already holds seeded
/// data is reused as it is (seeding 100 000 accounts and 1 000 000 calls takes minutes); without it, a temporary file.
/// </summary>
internal sealed record AdminBenchArguments(int Users, int Sessions, string? Database, int Iterations, bool Json)
{
    public static AdminBenchArguments Parse(string[] args)
    {
        int users = 100_000, sessions = 1_000_000, iterations = 200;
        string? database = null;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users": users = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sessions": sessions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--db": database = Path.GetFullPath(args[++i]); break;
                case "--iterations": iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--json": json = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (users < 1 || sessions < 0 || iterations < 20)
        {
            throw new ArgumentException("--users must be ≥ 1, --sessions ≥ 0 and --iterations ≥ 20.");
        }

        return new(users, sessions, database, iterations, json);
    }
}
