namespace VoiceAuth.Emulator.Calls;

/// <summary>Form-encoded fields in the order received; Twilio repeats a key for a list (e.g. StatusCallbackEvent).</summary>
internal sealed class FormFields(IReadOnlyList<KeyValuePair<string, string>> fields)
{
    public static readonly FormFields Empty = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> All { get; } = fields;

    public string? this[string key] => All.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal)).Value;

    public IEnumerable<string> GetAll(string key) =>
        All.Where(f => string.Equals(f.Key, key, StringComparison.Ordinal)).Select(f => f.Value);

    public static async Task<FormFields> ReadAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return Empty;
        }

        var body = await content.ReadAsStringAsync(cancellationToken);
        return Parse(body);
    }

    public static FormFields Parse(string body)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        return new([.. parsed.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? "")))]);
    }
}
