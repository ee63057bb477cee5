using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telemetry;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Features.Verification;

/// <summary>
/// Scores one stored recording: fetch it from the carrier (it may not be ready yet), hand it to the engine,
/// apply the result to voiceprint and session in one commit (<see cref="ScoringRules"/>), then delete the
/// recording at the carrier. The audio exists only in memory, only for this.
/// </summary>
internal sealed partial class RecordingScorer(
    IDbContextFactory<AppDbContext> dbFactory,
    ITelephony telephony,
    CarrierRecordings carrier,
    BiometricEngines engines,
    VoiceprintStore store,
    SessionChanges changes,
    ScoringRules rules,
    ScoringGate gate,
    IOptionsMonitor<VerificationOptions> options,
    TimeProvider clock,
    ILogger<RecordingScorer> logger)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan[] NotReadyBackoff = [TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(1200)];

    public async Task ScoreAsync(long recordingId, CancellationToken cancellationToken)
    {
        var step = clock.GetTimestamp();
        CallRecording recording;
        VerificationSession session;
        Voiceprint? voiceprint;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            recording = await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == recordingId, cancellationToken);
            session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == recording.SessionId, cancellationToken);
            voiceprint = await db.Voiceprints.AsNoTracking().SingleOrDefaultAsync(v => v.UserId == session.UserId, cancellationToken);
        }

        if (recording.Status != RecordingStatus.Pending)
        {
            return;
        }

        using var span = VoiceAuthTelemetry.StartInSession("voiceauth.recording.score", session.Id)?.SetTag("voiceauth.purpose", session.Purpose.ToString());
        step = Staged("load", step);
        byte[]? wav;
        try
        {
            wav = await DownloadAsync(recording.RecordingSid, cancellationToken);
        }
        catch (InvalidDataException)
        {
            LogTooLarge();
            await changes.ApplyAsync(session.Id, c => rules.ApplyAsync(c, recordingId, new(BiometricDecision.Retry, ReasonCode.TooLarge, 0, null)), false, cancellationToken);
            await carrier.DeleteAsync(recordingId, recording.RecordingSid, cancellationToken);
            return;
        }

        if (wav is null)
        {
            await NotFetchedAsync(recording, cancellationToken);
            return;
        }

        step = Staged("download", step);
        byte[] audio = wav;
        var engine = engines.Active;
        var state = voiceprint is null ? null : store.Unprotect(voiceprint);
        var (outcome, took) = await gate.RunAsync(async () =>
        {
            var scoringStarted = clock.GetTimestamp();
            Staged("engine_wait", step);
            EngineOutcome result;
            if (state is null || state.Engine != engine.Engine)
            {
                var created = session.Purpose == SessionPurpose.Enroll ? await engine.CreateProfileAsync(cancellationToken) : null;
                result = created?.Voiceprint is not { } fresh
                    ? new(BiometricDecision.Error, created?.Reason ?? ReasonCode.NotEnrolled, 0, null)
                    : await RunAsync(engine, session, fresh, new AudioInput(audio, options.CurrentValue.Phrase), cancellationToken);
            }
            else
            {
                result = await RunAsync(engine, session, state, new AudioInput(audio, options.CurrentValue.Phrase), cancellationToken);
            }

            return (result, clock.GetElapsedTime(scoringStarted));
        }, cancellationToken);

        Array.Clear(wav);
        VoiceAuthTelemetry.Decided(session.Purpose.ToString(), outcome.Decision.ToString(), outcome.Reason.ToString(), took);
        LogScored(session.Purpose, outcome.Decision, outcome.Reason);
        VoiceAuthTelemetry.Staged("engine", took);
        step = clock.GetTimestamp();
        await changes.ApplyAsync(session.Id, c => rules.ApplyAsync(c, recordingId, outcome), false, cancellationToken);
        step = Staged("commit", step);
        await carrier.DeleteAsync(recordingId, recording.RecordingSid, cancellationToken);
        Staged("carrier_delete", step);
    }

    /// <summary>Records the time since <paramref name="since"/> as one pipeline step's, and returns now.</summary>
    private long Staged(string stage, long since)
    {
        var now = clock.GetTimestamp();
        VoiceAuthTelemetry.Staged(stage, clock.GetElapsedTime(since, now));
        return now;
    }

    private static async Task<EngineOutcome> RunAsync(IVoiceBiometrics engine, VerificationSession session, VoiceprintState state, AudioInput input, CancellationToken cancellationToken)
    {
        if (session.Purpose == SessionPurpose.Enroll)
        {
            var enrolled = await engine.EnrollAsync(state, input, cancellationToken);
            return new(enrolled.Decision, enrolled.Reason, 0, enrolled.Voiceprint);
        }

        // A later attempt in the same call is decided with the earlier refused one (the engine accumulates the evidence).
        var earlier = session.Mismatches > 0 && session.Score is { } refused ? new[] { refused } : null;
        var verified = await engine.VerifyAsync(state, input with { EarlierScores = earlier }, cancellationToken);
        return new(verified.Decision, verified.Reason, verified.Score, verified.Voiceprint);
    }

    private async Task<byte[]?> DownloadAsync(string recordingSid, CancellationToken cancellationToken)
    {
        foreach (var delay in NotReadyBackoff.Append(TimeSpan.Zero))
        {
            try
            {
                var wav = await telephony.DownloadRecordingAsync(recordingSid, cancellationToken);
                if (wav is not null)
                {
                    return wav;
                }
            }
            catch (HttpRequestException e)
            {
                LogDownloadFailed(e.StatusCode);
            }

            await Task.Delay(delay, clock, cancellationToken);
        }

        return null;
    }

    private async Task NotFetchedAsync(CallRecording recording, CancellationToken cancellationToken)
    {
        if (recording.Attempts < MaxAttempts)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.WriteAsync(() => db.Recordings.Where(r => r.Id == recording.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAttemptAt, clock.GetUtcNow().AddSeconds(2 * recording.Attempts)), cancellationToken), cancellationToken);
            return;
        }

        LogGaveUp(recording.Attempts);
        await changes.ApplyAsync(recording.SessionId,
            c => rules.ApplyAsync(c, recording.Id, new(BiometricDecision.Error, ReasonCode.ServiceUnavailable, 0, null)), false, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a recording larger than any phone recording; the caller is asked again.")]
    private partial void LogTooLarge();

    [LoggerMessage(Level = LogLevel.Information, Message = "Scored a {Purpose} recording: {Decision} ({Reason}).")]
    private partial void LogScored(SessionPurpose purpose, BiometricDecision decision, ReasonCode reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording download failed (HTTP {Status}); will retry.")]
    private partial void LogDownloadFailed(System.Net.HttpStatusCode? status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up fetching a recording after {Attempts} attempts.")]
    private partial void LogGaveUp(int attempts);

}

/// <summary>An engine's answer to one recording.</summary>
internal sealed record EngineOutcome(BiometricDecision Decision, ReasonCode Reason, int Score, VoiceprintState? Voiceprint);
