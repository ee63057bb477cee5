namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// The people this instance turned away for capacity, in the order it first turned them away, so that a freed place
/// goes to someone who has waited rather than to whoever asked at that instant. Without it admission drew at random
/// among those asking: at 1000 callers (calls benchmark) 57–134 of 1500 people were still refused after twenty tries
/// while people who had just arrived walked in. Someone who does not come back around when told (their Retry-After
/// and <see cref="Grace"/>) no longer holds a place ahead of anyone. Per instance (a caller usually keeps reaching the
/// same one); not thread-safe: the caller holds its lock.
/// </summary>
internal sealed class WaitingLine
{
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>More than this many people waiting: the longest gone are forgotten first.</summary>
    private const int Capacity = 20_000;

    private readonly Dictionary<string, Place> places = new(StringComparer.Ordinal);
    private long refusals;

    /// <summary>How many people still waiting were turned away before <paramref name="who"/> (everyone waiting when they are not in line).</summary>
    public int Ahead(string who, DateTimeOffset now)
    {
        var since = places.TryGetValue(who, out var own) ? own.Since : DateTimeOffset.MaxValue;
        var ahead = 0;
        foreach (var (key, place) in places)
        {
            if (place.Since < since && now <= place.Back + Grace && key != who)
            {
                ahead++;
            }
        }

        return ahead;
    }

    /// <summary>Turned away (again): keeps their first time, and notes when they were told to come back.</summary>
    public void Refused(string who, DateTimeOffset now, TimeSpan retryAfter)
    {
        places[who] = new(places.TryGetValue(who, out var place) ? place.Since : now, now + retryAfter);
        if (places.Count > Capacity || ++refusals % 256 == 0)
        {
            Forget(now);
        }
    }

    public void Admitted(string who) => places.Remove(who);

    private void Forget(DateTimeOffset now)
    {
        foreach (var key in places.Where(p => now > p.Value.Back + Grace).Select(p => p.Key).ToList())
        {
            places.Remove(key);
        }

        if (places.Count > Capacity)
        {
            foreach (var key in places.OrderBy(p => p.Value.Back).Take(places.Count - Capacity).Select(p => p.Key).ToList())
            {
                places.Remove(key);
            }
        }
    }

    private readonly record struct Place(DateTimeOffset Since, DateTimeOffset Back);
}
