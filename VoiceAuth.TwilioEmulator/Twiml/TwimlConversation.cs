using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Emulator.Twiml;

/// <summary>
/// The answered part of a call: fetch the call's Url, run its verbs, follow actions and redirects, until a
/// document ends, a Hangup, a hang-up by either side, or a failed webhook (the caller hears Twilio's apology).
/// </summary>
internal sealed class TwimlConversation(EmulatedCall call, IHandset handset, HandsetLine line, CallServices services)
{
    public const string ApplicationErrorText = "We are sorry, an application error has occurred. Goodbye.";

    // A portal that redirects to itself forever would spin in simulated time; Twilio's own loops end with the call.
    private const int MaxDocuments = 500;
    private readonly List<Task> background = [];

    public async Task RunAsync()
    {
        var verbsRunner = new TwimlVerbRunner(call, handset, line, services, background);
        var step = call.Request.Twiml is null ? Step.Fetch(call.Request.Url!, call.Request.Method, []) : null;
        var inline = call.Request.Twiml;
        for (var documents = 0; ; documents++)
        {
            if (documents == MaxDocuments)
            {
                call.AddError(new(0, $"Emulator: more than {MaxDocuments} documents in one call; ended.", step?.Url));
                call.SetEndReason(CallEndReason.ApplicationError);
                break;
            }

            try
            {
                var verbs = inline is not null ? TwimlParser.Parse(inline) : await FetchAsync(step!);
                inline = null;
                if (verbs is null)
                {
                    break; // the portal was told; the caller is gone
                }

                step = await verbsRunner.RunAsync(verbs, step?.Url);
            }
            catch (TwimlException e)
            {
                await ApplicationErrorAsync(e.Code, e.Message, step?.Url);
                break;
            }

            if (step.Url is null)
            {
                call.SetEndReason(step.EndReason);
                break;
            }

            if (step.EndsAfterRequest)
            {
                call.SetEndReason(step.EndReason);
                await FetchAsync(step);
                break;
            }
        }

        await Task.WhenAll(background);
    }

    /// <summary>Requests a document; null when the request only informs the portal (the call is over).</summary>
    private async Task<IReadOnlyList<TwimlVerb>?> FetchAsync(Step step)
    {
        var fields = CallFields.Common(call, step.EndsAfterRequest ? CallStatus.Completed : CallStatus.InProgress);
        fields.AddRange(step.Fields);
        var result = await services.Webhooks.SendAsync(step.Url!, step.Method, fields, CancellationToken.None);
        call.AddWebhookTime(result.Elapsed.TotalSeconds); // the caller hears silence while the portal thinks
        call.Note($"{step.Method} {new Uri(step.Url!).AbsolutePath} → {(result.Failure is null ? result.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : result.Failure)}");
        if (step.EndsAfterRequest)
        {
            if (!result.Succeeded)
            {
                Report(11200, $"HTTP retrieval failure: {result.Failure ?? $"HTTP {result.Status}"}", step.Url);
            }

            return null;
        }

        if (!result.Succeeded)
        {
            throw new TwimlException(11200, $"HTTP retrieval failure: {result.Failure ?? $"HTTP {result.Status}"}");
        }

        return TwimlParser.Parse(result.Body);
    }

    private async Task ApplicationErrorAsync(int code, string message, string? url)
    {
        Report(code, message, url);
        call.SetEndReason(CallEndReason.ApplicationError);
        if (!call.Stopping.IsCancellationRequested)
        {
            var apology = new HeardPrompt("Say", ApplicationErrorText, null, "en-US", services.SpeechSeconds(ApplicationErrorText));
            call.Hear(apology);
            try
            {
                await handset.HearAsync(line, apology, call.Stopping);
            }
            catch (OperationCanceledException)
            {
                // hung up during the apology
            }

            if (!handset.IsRealTime)
            {
                call.Advance(apology.Seconds);
            }
        }
    }

    private void Report(int code, string message, string? url)
    {
        call.AddError(new(code, message, url));
        services.Log.WebhookFailed(call.Sid, code, url ?? "", message);
    }
}
