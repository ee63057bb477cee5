using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace VoiceAuth.Emulator.Twiml;

/// <summary>Reads a TwiML document into verbs, refusing what Twilio refuses.</summary>
internal static class TwimlParser
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static IReadOnlyList<TwimlVerb> Parse(string xml)
    {
        XElement root;
        try
        {
            // Forgive leading whitespace (a template's newline): XML itself refuses a declaration after it.
            using var reader = XmlReader.Create(new StringReader(xml.TrimStart()), Settings);
            root = XDocument.Load(reader).Root ?? throw new TwimlException(12100, "Document parse failure: empty document.");
        }
        catch (XmlException e)
        {
            throw new TwimlException(12100, $"Document parse failure: {e.Message}");
        }

        if (root.Name.LocalName != "Response")
        {
            throw new TwimlException(12100, $"Document parse failure: the root element is <{root.Name.LocalName}>, not <Response>.");
        }

        return [.. root.Elements().Select(Verb)];
    }

    private static TwimlVerb Verb(XElement e) => e.Name.LocalName switch
    {
        "Say" => new SayVerb(e.Value.Trim(), Attr(e, "voice"), Attr(e, "language"), Int(e, "loop", 1)),
        "Play" => new PlayVerb(e.Value.Trim(), Int(e, "loop", 1)),
        "Pause" => new PauseVerb(Int(e, "length", 1)),
        "Gather" => Gather(e),
        "Record" => new RecordVerb(
            Attr(e, "action"),
            Method(e, "method"),
            MaxLength: Int(e, "maxLength", 3600) is var max && max > 0 ? max : 3600,
            Timeout: Int(e, "timeout", 5),
            FinishOnKey: Attr(e, "finishOnKey") ?? "1234567890*#",
            PlayBeep: Bool(e, "playBeep", true),
            TrimSilence: (Attr(e, "trim") ?? "trim-silence") == "trim-silence",
            Attr(e, "recordingStatusCallback"),
            Method(e, "recordingStatusCallbackMethod")),
        "Redirect" => new RedirectVerb(
            e.Value.Trim() is { Length: > 0 } url ? url : throw new TwimlException(12200, "<Redirect> needs a URL."),
            Method(e, "method")),
        "Hangup" => new HangupVerb(),
        "Reject" => new RejectVerb(),
        var other => throw new TwimlException(12200, $"Schema validation: the emulator does not execute <{other}>."),
    };

    private static GatherVerb Gather(XElement e)
    {
        var input = (Attr(e, "input") ?? "dtmf").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var prompts = e.Elements().Select(Verb).ToList();
        if (prompts.Any(p => p is not (SayVerb or PlayVerb or PauseVerb)))
        {
            throw new TwimlException(12200, "Schema validation: <Gather> may only contain <Say>, <Play> and <Pause>.");
        }

        var numDigits = Int(e, "numDigits", 0);
        return new(
            Attr(e, "action"),
            Method(e, "method"),
            AcceptsDigits: input.Contains("dtmf"),
            AcceptsSpeech: input.Contains("speech"),
            NumDigits: numDigits > 0 ? numDigits : null,
            Timeout: Int(e, "timeout", 5),
            FinishOnKey: Attr(e, "finishOnKey") ?? "#",
            ActionOnEmptyResult: Bool(e, "actionOnEmptyResult", false),
            prompts);
    }

    private static string? Attr(XElement e, string name) => e.Attribute(name)?.Value;

    private static string Method(XElement e, string name) =>
        (Attr(e, name) ?? "POST").ToUpperInvariant() switch
        {
            "GET" => "GET",
            "POST" => "POST",
            var m => throw new TwimlException(12200, $"Schema validation: {name}=\"{m}\" on <{e.Name.LocalName}> is not GET or POST."),
        };

    private static int Int(XElement e, string name, int fallback)
    {
        var text = Attr(e, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new TwimlException(12200, $"Schema validation: {name}=\"{text}\" on <{e.Name.LocalName}> is not a whole number.");
    }

    private static bool Bool(XElement e, string name, bool fallback) => Attr(e, name)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        var b => throw new TwimlException(12200, $"Schema validation: {name}=\"{b}\" on <{e.Name.LocalName}> is not true or false."),
    };
}
