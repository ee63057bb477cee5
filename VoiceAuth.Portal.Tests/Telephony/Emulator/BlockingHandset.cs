using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>A person who answers and then never presses a key: the call waits at the Gather until someone hangs up.</summary>
internal sealed class BlockingHandset : IHandset
{
    private readonly TaskCompletionSource gathering = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Gathering => gathering.Task;

    public bool IsRealTime => true;

    public Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing) => Task.FromResult(new HandsetAnswer(AnswerKind.Human));

    public Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call) => Task.FromResult(true);

    public async Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call)
    {
        gathering.TrySetResult();
        await Task.Delay(Timeout.Infinite, call);
        return GatherOutcome.HangUp;
    }

    public Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call) => Task.FromResult(new RecordOutcome(null));

    public void Ended(CallSnapshot call)
    {
    }
}
