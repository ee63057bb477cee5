namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// One person's call requests, one at a time within this instance. Two tabs or a double click asking at the same
/// instant would otherwise both pass the "a call is already under way?" check before either had created its session,
/// and the later ones would go on to admission control, which may turn them away as busy, instead of sharing the
/// call the first one is placing. Across instances the person's call slot in the database still decides (a lost race
/// looks again). Entries live only while someone waits or holds the gate.
/// </summary>
internal sealed class PersonGate
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string userId, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (gates)
        {
            var (existing, users) = gates.TryGetValue(userId, out var entry) ? entry : (new SemaphoreSlim(1, 1), 0);
            gates[userId] = (existing, users + 1);
            gate = existing;
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Leave(userId, release: false);
            throw;
        }

        return new Held(this, userId);
    }

    /// <summary>How many people have someone waiting at or holding their gate (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (gates)
            {
                return gates.Count;
            }
        }
    }

    private void Leave(string userId, bool release)
    {
        lock (gates)
        {
            var (gate, users) = gates[userId];
            if (release)
            {
                gate.Release();
            }

            if (users == 1)
            {
                gates.Remove(userId);
            }
            else
            {
                gates[userId] = (gate, users - 1);
            }
        }
    }

    private sealed class Held(PersonGate owner, string userId) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(userId, release: true);
            }
        }
    }
}
