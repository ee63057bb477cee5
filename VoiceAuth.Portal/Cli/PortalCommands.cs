namespace VoiceAuth.Portal.Cli;

/// <summary>
/// Operator commands run through the portal's own executable (<c>dotnet run --project VoiceAuth.Portal -- NAME ...</c>),
/// so they share its configuration and code paths. Without a known command name the web portal starts.
/// </summary>
internal static class PortalCommands
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eval"] = Biometrics.Local.Evaluation.EvalCommand.RunAsync,
        ["train-ubm"] = Biometrics.Local.Training.TrainUbmCommand.RunAsync,
        ["eval-lso"] = Biometrics.Local.Evaluation.LsoCommand.RunAsync,
        ["seed"] = Seed.SeedCommand.RunAsync,
    };

    /// <summary>Runs the command named by <paramref name="args"/>[0], if any; returns its exit code, or null to start the portal.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            return null;
        }

        return await command(args[1..]);
    }
}
