namespace VoiceAuth.Portal.Features.Settings;

/// <summary>
/// The operators' overrides (table <c>PortalSettings</c>) as a configuration provider, added after every other
/// source so that a value changed on the admin settings page wins. <see cref="Replace"/> swaps the whole set and
/// signals a reload: every <c>IOptionsMonitor</c> bound to configuration then hands out the new values.
/// </summary>
public sealed class DatabaseSettingsProvider(Func<IReadOnlyDictionary<string, string>> initialRead) : ConfigurationProvider
{
    private readonly Lock gate = new();

    /// <summary>At start-up (configuration being built): a direct read, so registration-time decisions see the overrides too.</summary>
    public override void Load()
    {
        lock (gate)
        {
            Data = new Dictionary<string, string?>(initialRead().ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>The overrides now in force (key → value).</summary>
    public IReadOnlyDictionary<string, string> Current
    {
        get
        {
            lock (gate)
            {
                return Data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Puts <paramref name="overrides"/> in force; signals a reload only when something differs.</summary>
    public bool Replace(IReadOnlyDictionary<string, string> overrides)
    {
        lock (gate)
        {
            var same = Data.Count == overrides.Count
                && overrides.All(p => Data.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));
            if (same)
            {
                return false;
            }

            Data = new Dictionary<string, string?>(overrides.ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.OrdinalIgnoreCase);
        }

        OnReload();
        return true;
    }
}
