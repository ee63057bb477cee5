using System.Text.RegularExpressions;
using VoiceAuth.Portal.Biometrics.Local.Modeling;

namespace VoiceAuth.Portal.Tests.Biometrics.Local.Modeling;

public sealed class ShippedModelsTests
{
    /// <summary>ktuberling-data's languages kept for an evaluation that no one here may train or tune on.</summary>
    private static readonly string[] Reserved = ["lt", "da", "el", "de", "gl", "wa", "sv", "nds", "pt", "nl", "fi"];

    /// <summary>A corpus speaker id's language: <c>kt-fr</c> → fr, <c>bg-pt_BR</c> → pt, <c>bg-x-es-co</c> → es.</summary>
    internal static string Language(string speaker)
    {
        var parts = speaker.Split('-');
        var code = parts[1] == "x" ? parts[2] : parts[1];
        return code.Split('_')[0].ToLowerInvariant();
    }

    [Fact]
    public void The_shipped_model_names_its_training_speakers_and_none_speaks_a_reserved_language()
    {
        var speakers = BackgroundModel.Shipped.TrainingSpeakers;
        Assert.NotEmpty(speakers);
        Assert.Contains(speakers, s => s.StartsWith("kt-", StringComparison.Ordinal));
        Assert.All(speakers, s => Assert.DoesNotContain(Language(s), Reserved));
    }

    [Fact]
    public void The_reserved_language_check_would_catch_a_reserved_voice()
    {
        Assert.Contains(Language("kt-de"), Reserved);
        Assert.Contains(Language("bg-pt_BR"), Reserved);
        Assert.DoesNotContain(Language("kt-fr"), Reserved);
        // Tux Paint's and extra asterisk voices are named bg-x-<lang>-<source>, as the IVR voices are.
        Assert.Contains(Language("bg-x-nl-tuxpaint"), Reserved);
        Assert.Equal("it", Language("bg-x-it-carlo"));
    }

    /// <summary>
    /// The corpus script's own lists of what it extracts: a reserved language added to one of them would reach the disk
    /// (and a training run) before any model named it, so they are checked where they are written.
    /// </summary>
    [Theory]
    [InlineData("KT_ALLOWED")]
    [InlineData("TP_LANGS")]
    public void The_corpus_script_extracts_no_reserved_language(string variable)
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "scripts", "build-speech-corpus.sh"));
        var match = Regex.Match(script, $@"^\s*{variable}=""([^""]+)""", RegexOptions.Multiline);
        Assert.True(match.Success, $"{variable} not found in scripts/build-speech-corpus.sh");
        var languages = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(languages);
        Assert.All(languages, l => Assert.DoesNotContain(l, Reserved));
    }

    /// <summary>The leave-speakers-out folds (<c>("A:fr uk …" "B:…")</c>) name the languages whose voices are tested.</summary>
    [Theory]
    [InlineData("KT_FOLDS")]
    [InlineData("LSW_FOLDS")]
    public void The_corpus_scripts_folds_test_no_reserved_language(string variable)
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "scripts", "build-speech-corpus.sh"));
        var folds = Regex.Matches(script, $@"{variable}=\(([^)]+)\)").SelectMany(m => Regex.Matches(m.Groups[1].Value, @"""[A-Za-z0-9]+:([^""]+)""")).ToList();
        Assert.NotEmpty(folds);
        var languages = folds.SelectMany(f => f.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains("fr", languages);
        Assert.All(languages, l => Assert.DoesNotContain(l, Reserved));
    }

    [Fact]
    public void The_corpus_scripts_extra_background_voices_speak_no_reserved_language()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "scripts", "build-speech-corpus.sh"));
        var ids = Regex.Matches(script, @"\[(bg-x-[a-z_]+-[a-z]+)\]=").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("bg-x-it-carlo", ids);
        Assert.All(ids, id => Assert.DoesNotContain(Language(id), Reserved));
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

        throw new InvalidOperationException("VoiceAuth.sln not found above the test assembly.");
    }

    [Fact]
    public void Earlier_models_are_shipped_beside_the_current_one_and_differ_from_it()
    {
        Assert.NotEmpty(BackgroundModel.ShippedEarlier);
        Assert.All(BackgroundModel.ShippedEarlier, m => Assert.NotEqual(BackgroundModel.Shipped.Id, m.Id));
    }

    [Fact]
    public void A_model_without_a_speaker_list_keeps_its_id_when_written_again()
    {
        var earlier = BackgroundModel.ShippedEarlier[0];
        Assert.Equal(earlier.Id, BackgroundModel.FromBytes(earlier.ToBytes()).Id);
        var current = BackgroundModel.Shipped;
        Assert.Equal(current.TrainingSpeakers, BackgroundModel.FromBytes(current.ToBytes()).TrainingSpeakers);
    }
}
