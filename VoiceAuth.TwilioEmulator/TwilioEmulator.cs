using System.Collections.Concurrent;
using System.Security.Cryptography;
using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Recordings;
using VoiceAuth.Emulator.Rest;

namespace VoiceAuth.Emulator;

/// <summary>
/// The fake Twilio: accepts calls through its REST API, rings handsets, executes the portal's TwiML and keeps
/// recordings. One instance per host (a singleton in its host, or inside the testing project's StandaloneTwilioEmulator).
/// </summary>
public sealed class TwilioEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EmulatedCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> finishedOrder = new();
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly WebhookClient webhooks;
    private readonly CallServices services;

    public TwilioEmulator(TwilioEmulatorOptions options, ILogger<TwilioEmulator> logger, TimeProvider? time = null)
    {
        Options = options;
        AuthToken = string.IsNullOrEmpty(options.AuthToken) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : options.AuthToken;
        Time = time ?? TimeProvider.System;
        webhooks = new WebhookClient(AuthToken, TimeSpan.FromSeconds(options.WebhookTimeoutSeconds));
        Recordings = new RecordingStore(options, Time);
        services = new CallServices(options, AuthToken, webhooks, Recordings, Handsets, new EmulatorLog(logger), Time);
        Api = new EmulatorRestApi(this);
    }

    public TwilioEmulatorOptions Options { get; }

    public string AccountSid => Options.AccountSid;

    /// <summary>The token the REST API accepts and webhooks are signed with (random per process unless configured).</summary>
    public string AuthToken { get; }

    /// <summary>The number calls come from when the portal does not choose: the first configured one.</summary>
    public string DefaultFromNumber => Options.PhoneNumbers[0];

    internal HandsetRegistry Handsets { get; } = new();

    internal RecordingStore Recordings { get; }

    public TimeProvider Time { get; }

    internal EmulatorRestApi Api { get; }

    internal EmulatorLog Log => services.Log;

    /// <summary>
    /// Sends the emulator's requests to the portal through <paramref name="handler"/> from now on (e.g. a TestServer's
    /// handler; a new one when the portal restarts). By default they go over the network to the URLs as given.
    /// </summary>
    public void UsePortalHandler(HttpMessageHandler handler) => webhooks.UseHandler(handler);

    /// <summary>Observes every answered request to the portal (URL, HTTP status, latency) — for benchmarks.</summary>
    public void ObserveWebhooks(Action<string, int, TimeSpan> observer) => webhooks.Observer = observer;

    /// <summary>The call's state now, or null if unknown (or forgotten: only the latest finished calls are kept).</summary>
    internal CallSnapshot? GetCall(string callSid) => calls.TryGetValue(callSid, out var call) ? call.Snapshot() : null;

    /// <summary>Calls in progress and the latest finished ones.</summary>
    internal IReadOnlyList<CallSnapshot> Calls => [.. calls.Values.Select(c => c.Snapshot()).OrderBy(c => c.CreatedAt)];

    /// <summary>Waits until the call is over and every callback about it has been delivered.</summary>
    internal async Task<CallSnapshot> WaitForCallAsync(string callSid, TimeSpan timeout)
    {
        var call = calls.GetValueOrDefault(callSid) ?? throw new KeyNotFoundException($"No emulated call {callSid}.");
        return await call.Finished.WaitAsync(timeout);
    }

    /// <summary>
    /// Numbers being called right now with no handset on the line, in the order the calls were placed: the softphone
    /// offers to pick them up.
    /// </summary>
    internal IReadOnlyList<string> RingingNumbers =>
        [.. calls.Values.Where(c => c.Status is CallStatus.Queued or CallStatus.Initiated or CallStatus.Ringing && Handsets.Find(c.Request.To) is null)
            .OrderBy(c => c.CreatedAt).Select(c => c.Request.To).Distinct()];

    /// <summary>An HttpMessageHandler serving this emulator's REST API in-process (no socket), for any host.</summary>
    public HttpMessageHandler CreateApiHandler() => new InProcessApiHandler(this);

    internal EmulatedCall? FindCall(string callSid) => calls.GetValueOrDefault(callSid);

    /// <summary>Accepts a validated create-call request and starts ringing in the background.</summary>
    internal EmulatedCall Place(CallRequest request)
    {
        var call = new EmulatedCall("CA" + Guid.NewGuid().ToString("N"), AccountSid, request, Time.GetUtcNow());
        calls[call.Sid] = call;
        services.Log.CallCreated(call.Sid, request.To);
        var run = Task.Run(() => new CallRunner(call, services).RunAsync());
        running.TryAdd(run, 0);
        _ = run.ContinueWith(t => Retire(call, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private void Retire(EmulatedCall call, Task run)
    {
        running.TryRemove(run, out _);
        finishedOrder.Enqueue(call.Sid);
        while (finishedOrder.Count > Options.MaxFinishedCalls && finishedOrder.TryDequeue(out var oldest))
        {
            if (calls.TryRemove(oldest, out var forgotten))
            {
                forgotten.Dispose();
            }
        }
    }

    /// <summary>Hangs up every call still running and waits (briefly) for them to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var call in calls.Values)
        {
            call.RequestStop(CallEndReason.EmulatorStopped);
        }

        try
        {
            await Task.WhenAll(running.Keys).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // a portal that does not answer its callbacks; the process is going away anyway
        }

        webhooks.Dispose();
        Api.Dispose();
    }
}
