using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Tests.Features.Verification;

public sealed class PersonGateTests
{
    [Fact]
    public async Task One_persons_requests_wait_for_each_other_and_other_people_pass()
    {
        var gate = new PersonGate();
        var first = await gate.EnterAsync("ann", CancellationToken.None);

        var second = gate.EnterAsync("ann", CancellationToken.None);
        var other = await gate.EnterAsync("bob", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(second.IsCompleted); // ann's second request waits for her first

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        other.Dispose();
        Assert.Equal(0, gate.Count); // nothing kept once nobody waits
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_nothing_behind_and_does_not_release_the_holder()
    {
        var gate = new PersonGate();
        var held = await gate.EnterAsync("ann", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("ann", cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var third = gate.EnterAsync("ann", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted); // still held by the first
        held.Dispose();
        held.Dispose(); // twice is harmless
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, gate.Count);
    }
}
