using VoiceAuth.Emulator.Calls;
using VoiceAuth.Emulator.Handsets;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>
/// A person's phone rings until a newer one is opened on the same number. A softphone tab closed without hanging up
/// stays registered until the server tears its page down; a call placed meanwhile used to ring that dead tab only, and
/// the tab the person opened next never rang ("No answer").
/// </summary>
public sealed class RingingHandoverTests : EmulatorTest
{
    [Fact]
    public async Task A_phone_opened_on_the_number_while_an_older_one_rings_unanswered_takes_the_call()
    {
        H.Portal.Twiml("/voice", "<Say>Hello.</Say>");
        var stale = new SilentPhone();
        H.Emulator.Handsets.Register(EmulatorHarness.Callee, stale);
        var call = await H.CallAsync(timeout: 30);
        await stale.Ringing.WaitAsync(TimeSpan.FromSeconds(10));

        var fresh = new SilentPhone(answers: true);
        using var registration = H.Emulator.Handsets.Register(EmulatorHarness.Callee, fresh);
        var done = await H.Emulator.WaitForCallAsync(call.Sid, TimeSpan.FromSeconds(20));

        Assert.Equal("completed", done.Status);
        Assert.Equal(["Hello."], done.Said);
        Assert.True(stale.StoppedRinging, "the older phone was told to stop ringing");
        Assert.Equal(1, fresh.Answered);
        Assert.Equal(0, stale.Answered);
    }

    [Fact]
    public async Task With_no_newer_phone_an_unanswered_ring_is_still_no_answer()
    {
        H.Portal.Twiml("/voice", "<Say>Hello.</Say>");
        var only = new SilentPhone();
        H.Emulator.Handsets.Register(EmulatorHarness.Callee, only);
        var call = await H.CallAsync(timeout: 1);
        var done = await H.Emulator.WaitForCallAsync(call.Sid, TimeSpan.FromSeconds(20));
        Assert.Equal("no-answer", done.Status);
        Assert.Equal(0, only.Answered);
    }

    /// <summary>A person at a screen (real time) who answers at once, or lets it ring until told to stop.</summary>
    private sealed class SilentPhone(bool answers = false) : IHandset
    {
        private readonly TaskCompletionSource ringing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int answered;

        public Task Ringing => ringing.Task;

        public bool StoppedRinging { get; private set; }

        public int Answered => Volatile.Read(ref answered);

        public bool IsRealTime => true;

        public async Task<HandsetAnswer> RingAsync(HandsetLine line, CancellationToken ringing)
        {
            this.ringing.TrySetResult();
            if (answers)
            {
                Interlocked.Increment(ref answered);
                return new HandsetAnswer(AnswerKind.Human);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ringing);
            }
            finally
            {
                StoppedRinging = true;
            }

            return new HandsetAnswer(AnswerKind.NoAnswer);
        }

        public Task<bool> HearAsync(HandsetLine line, HeardPrompt prompt, CancellationToken call) => Task.FromResult(true);

        public Task<GatherOutcome> GatherAsync(HandsetLine line, GatherPrompt gather, CancellationToken call) => Task.FromResult(GatherOutcome.HangUp);

        public Task<RecordOutcome> RecordAsync(HandsetLine line, RecordPrompt record, CancellationToken call) => Task.FromResult(new RecordOutcome(null));

        public void Ended(CallSnapshot call)
        {
        }
    }
}
