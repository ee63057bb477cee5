using System.Diagnostics;

namespace VoiceAuth.Bench;

/// <summary>
/// Real speech for the scripted callers: one synthetic voice's passphrase takes from the project's own corpus
/// (<c>scripts/build-speech-corpus.sh --small</c>, built once into the temp folder when no --corpus is given).
/// </summary>
internal sealed class BenchCorpus(string directory)
{
    public byte[][] Enrollment { get; } = [.. new[] { 0, 1, 2 }.Select(v => File.ReadAllBytes(Path.Combine(directory, $"wav/syn-flite-kal/p0-v{v}.wav")))];

    public byte[] Verification { get; } = File.ReadAllBytes(Path.Combine(directory, "wav/syn-flite-kal/p0-v3.wav"));

    public static async Task<BenchCorpus> LoadAsync(string? directory)
    {
        if (directory is not null)
        {
            return new(directory);
        }

        var root = RepositoryRoot();
        var built = Path.Combine(Path.GetTempPath(), "voiceauth-bench-corpus");
        if (!File.Exists(Path.Combine(built, "td", "enroll.lst")))
        {
            Console.Error.WriteLine("building the small speech corpus (scripts/build-speech-corpus.sh --small)…");
            using var process = Process.Start("bash", [Path.Combine(root, "scripts", "build-speech-corpus.sh"), "--small", built]);
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("scripts/build-speech-corpus.sh failed; see its message above.");
            }
        }

        return new(built);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VoiceAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (VoiceAuth.sln not found).");
    }
}
