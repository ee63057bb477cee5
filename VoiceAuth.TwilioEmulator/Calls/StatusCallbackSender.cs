using System.Globalization;

namespace VoiceAuth.Emulator.Calls;

/// <summary>
/// A call's status callbacks, numbered by <c>SequenceNumber</c> in the order the events happen, and delivered with
/// the configured faults: twice each, or pairwise swapped (the later event arrives first).
/// </summary>
internal sealed class StatusCallbackSender(EmulatedCall call, CallServices services)
{
    private int sequence;
    private IReadOnlyList<KeyValuePair<string, string>>? heldBack;

    public async Task SendAsync(string callbackEvent, string callStatus)
    {
        if (!call.Request.Wants(callbackEvent))
        {
            return;
        }

        var fields = Fields(callbackEvent, callStatus);
        if (services.Options.Faults.ReorderStatusCallbacks && heldBack is null)
        {
            heldBack = fields;
            return;
        }

        await DeliverAsync(fields);
        await FlushAsync();
    }

    /// <summary>Delivers a callback held back for reordering; the call's last callback has no later one to wait for.</summary>
    public async Task FlushAsync()
    {
        if (heldBack is { } held)
        {
            heldBack = null;
            await DeliverAsync(held);
        }
    }

    private async Task DeliverAsync(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var copies = services.Options.Faults.DuplicateStatusCallbacks ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            var result = await services.Webhooks.SendAsync(call.Request.StatusCallback!, call.Request.StatusCallbackMethod, fields, CancellationToken.None);
            if (!result.Succeeded)
            {
                var detail = result.Failure ?? $"HTTP {result.Status}";
                call.AddError(new(15003, $"Status callback failed: {detail}", call.Request.StatusCallback));
            }
        }
    }

    private List<KeyValuePair<string, string>> Fields(string callbackEvent, string callStatus)
    {
        var fields = CallFields.Common(call, callStatus);
        fields.Add(new("CallbackSource", "call-progress-events"));
        fields.Add(new("SequenceNumber", (sequence++).ToString(CultureInfo.InvariantCulture)));
        fields.Add(new("Timestamp", call.Now.ToString("r", CultureInfo.InvariantCulture).Replace("GMT", "+0000", StringComparison.Ordinal)));
        if (callbackEvent == "completed")
        {
            var seconds = (int)Math.Ceiling(call.TalkSeconds);
            fields.Add(new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new("Duration", ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }
}
