using System.Diagnostics;
using System.Security.Cryptography;

namespace VoiceAuth.Portal.Tests.Biometrics;

/// <summary>
/// Builds the small speech corpus with the project's own <c>scripts/build-speech-corpus.sh --small</c> once,
/// cached in the temp folder under the script's hash (a changed script builds afresh). When the Debian packages
/// it needs are missing and cannot be installed, the tests that use it fail with the script's message.
/// </summary>
public sealed class SpeechCorpusFixture
{
    // Class fixtures of parallel test collections are built at the same time: one build per process, the others wait.
    private static readonly Lock BuildLock = new();

    public SpeechCorpusFixture()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "build-speech-corpus.sh");
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(script)))[..12];
        Directory = Path.Combine(Path.GetTempPath(), $"voiceauth-corpus-small-{hash}");
        lock (BuildLock)
        {
            if (!File.Exists(Path.Combine(Directory, ".complete")))
            {
                Build(script, hash);
            }
        }
    }

    private void Build(string script, string hash)
    {
        // A folder of its own, so that another test process building the same corpus cannot delete it under us.
        var building = Directory + $".building-{Environment.ProcessId}-{Guid.NewGuid():N}";

        var start = new ProcessStartInfo("bash", [script, "--small", building]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash to build the speech corpus.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/build-speech-corpus.sh --small failed (exit {process.ExitCode}). It needs the Debian packages sox flite espeak-ng " +
                $"asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav asterisk-core-sounds-fr-wav asterisk-prompt-it-menardi-wav klettres-data.{Environment.NewLine}{stderr.Result}");
        }

        File.WriteAllText(Path.Combine(building, ".complete"), hash);
        if (System.IO.Directory.Exists(Directory) && !File.Exists(Path.Combine(Directory, ".complete")))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        try
        {
            System.IO.Directory.Move(building, Directory);
        }
        catch (IOException) when (File.Exists(Path.Combine(Directory, ".complete")))
        {
            // Another process finished the same corpus first: every run gives the same corpus, so use theirs.
            System.IO.Directory.Delete(building, recursive: true);
        }
    }

    public string Directory { get; }

    public byte[] Wav(string relative) => File.ReadAllBytes(Path.Combine(Directory, relative));

    /// <summary>The <c>&lt;model&gt; &lt;wav&gt; &lt;wav&gt; &lt;wav&gt;</c> lines of a protocol's enroll.lst.</summary>
    public IReadOnlyList<string[]> Enrollments(string protocol) =>
        File.ReadAllLines(Path.Combine(Directory, protocol, "enroll.lst")).Select(l => l.Split(' ')).ToList();

    /// <summary>The first of <paramref name="model"/>'s trials in a protocol's trials.lst with that label (target, nontarget, spoof).</summary>
    public string Trial(string protocol, string model, string label) =>
        File.ReadAllLines(Path.Combine(Directory, protocol, "trials.lst")).Select(l => l.Split(' '))
            .First(p => p[0] == model && p[2] == label)[1];

    /// <summary>All of <paramref name="model"/>'s trials in a protocol's trials.lst with that label, in the list's order.</summary>
    public List<string> Trials(string protocol, string model, string label) =>
        File.ReadAllLines(Path.Combine(Directory, protocol, "trials.lst")).Select(l => l.Split(' '))
            .Where(p => p[0] == model && p[2] == label).Select(p => p[1]).ToList();

    /// <summary>A voiceprint enrolled with <paramref name="verifier"/> from an enroll.lst line's recordings, each of which must be accepted.</summary>
    internal byte[] Enroll(VoiceAuth.Portal.Biometrics.Local.SpeakerVerifier verifier, string[] line)
    {
        var state = verifier.NewVoiceprint();
        foreach (var wav in line[1..])
        {
            var outcome = verifier.Enroll(state, new VoiceAuth.Portal.Biometrics.AudioInput(Wav(wav)));
            Assert.Equal(VoiceAuth.Portal.Biometrics.BiometricDecision.Accepted, outcome.Decision);
            state = outcome.Voiceprint;
        }

        return state;
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

        throw new InvalidOperationException("Cannot find the repository root (VoiceAuth.sln) above the test binaries.");
    }
}

[CollectionDefinition(Name)]
public sealed class SpeechCorpusGroup : ICollectionFixture<SpeechCorpusFixture>
{
    public const string Name = "Speech corpus";
}
