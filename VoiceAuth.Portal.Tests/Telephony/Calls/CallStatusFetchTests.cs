using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Telephony;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;

namespace VoiceAuth.Portal.Tests.Telephony.Calls;

/// <summary>
/// Asking the carrier how a call ended (what settles sessions whose final callback was lost), through the real SDK
/// (<c>CallResource.FetchAsync</c>) against the emulator's <c>GET Calls/{Sid}.json</c>.
/// </summary>
public sealed class CallStatusFetchTests : IDisposable
{
    private readonly EmulatedPortal portal = new();

    [Fact]
    public async Task The_carrier_is_asked_for_a_calls_status_through_the_sdk()
    {
        portal.Started();
        var (user, _) = await portal.CreateCallerAsync("declines@example.com", new ScriptedHandset().PressDigits("12"));

        var (session, call) = await portal.CallAsync(user, SessionPurpose.Enroll);
        var status = await portal.Services.GetRequiredService<ITelephony>().FetchCallStatusAsync(call.Sid, CancellationToken.None);
        var unknown = await portal.Services.GetRequiredService<ITelephony>().FetchCallStatusAsync("CA" + new string('0', 32), CancellationToken.None);

        Assert.Equal("completed", status);
        Assert.Null(unknown);
        Assert.Equal(SessionState.Declined, session.State);
    }

    public void Dispose() => portal.Dispose();
}
