namespace VoiceAuth.Portal.Biometrics.Local.Evaluation;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parsing for the engine's operator commands.</summary>
internal sealed class CommandLine(string[] args)
{
    public string? Value(string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Flag(string name) => args.Contains("--" + name);

    public string Required(string name) => Value(name) ?? throw new ArgumentException($"missing --{name}");

    public int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The list formats written by build-speech-corpus.sh; paths are relative to the corpus folder.</summary>
internal static class CorpusLists
{
    /// <summary><c>&lt;model&gt; &lt;wav&gt; &lt;wav&gt; &lt;wav&gt;</c> per line.</summary>
    public static List<(string Model, string[] Wavs)> Enrollments(string path) =>
        Lines(path).Select(p => (p[0], p[1..])).ToList();

    /// <summary><c>&lt;model&gt; &lt;wav&gt; target|nontarget|spoof</c> per line.</summary>
    public static List<(string Model, string Wav, string Label)> Trials(string path) =>
        Lines(path).Where(p => p.Length >= 3).Select(p => (p[0], p[1], p[2])).ToList();

    /// <summary><c>&lt;speaker&gt; &lt;wav&gt;</c> per line (bg/speakers.lst).</summary>
    public static List<(string Speaker, string Wav)> Speakers(string path) =>
        Lines(path).Where(p => p.Length >= 2).Select(p => (p[0], p[1])).ToList();

    private static IEnumerable<string[]> Lines(string path) => File.ReadLines(path)
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2 && !p[0].StartsWith('#'));
}
