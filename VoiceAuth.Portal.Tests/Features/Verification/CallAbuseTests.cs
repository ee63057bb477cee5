using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Biometrics;
using VoiceAuth.Portal.Features.Accounts;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Telephony;

namespace VoiceAuth.Portal.Tests.Features.Verification;

/// <summary>
/// Toll fraud and harassment (issue 10, finding 2 and the second half of 6): who may be rung, how often, and what
/// is not charged to the person. Every refusal places no call and says when to try again.
/// </summary>
public sealed class CallAbuseTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    private VerificationService Service => portal.Services.GetRequiredService<VerificationService>();

    /// <summary>An account with consent given and the number given (unconfirmed), ready for an enrollment call.</summary>
    private async Task<string> PersonAsync(string phone)
    {
        var user = await portal.CreateUserAsync($"{Guid.NewGuid():N}@example.com", phone: phone);
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });
        return user.Id;
    }

    /// <summary>Places an enrollment call and hangs it up, so the person's one live call is free again.</summary>
    private async Task<StartResult> CallAndHangUpAsync(string userId, string? from = null)
    {
        var started = await Service.StartAsync(userId, SessionPurpose.Enroll, CancellationToken.None, requestedFrom: from);
        if (started.SessionId is { } id)
        {
            await Service.CancelAsync(userId, id, CancellationToken.None);
        }

        return started;
    }

    [Fact]
    public async Task A_number_is_rung_only_so_often_whichever_accounts_name_it()
    {
        portal.Settings["Verification:CallsPerWindow"] = "2";
        var first = await PersonAsync("+12015550170");
        var second = await PersonAsync("+12015550170"); // someone else typed the same number in

        var a = await CallAndHangUpAsync(first);
        var b = await CallAndHangUpAsync(first);
        var c = await CallAndHangUpAsync(second);

        Assert.NotNull(a.SessionId);
        Assert.NotNull(b.SessionId);
        Assert.Null(c.SessionId);
        Assert.Equal(ReasonCode.RateLimited, c.Refusal);
        Assert.Contains("This phone number has been called several times", c.Message, StringComparison.Ordinal);
        Assert.Contains("Try again", c.Message, StringComparison.Ordinal);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }

    [Fact]
    public async Task Calls_asked_for_from_one_address_are_limited_across_accounts()
    {
        portal.Settings["Verification:CallsPerAddressPerHour"] = "2";
        var results = new List<StartResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await CallAndHangUpAsync(await PersonAsync($"+1201555018{i}"), from: "203.0.113.7"));
        }

        var elsewhere = await CallAndHangUpAsync(await PersonAsync("+12015550189"), from: "198.51.100.4");

        Assert.Equal([true, true, false, true], results.Append(elsewhere).Select(r => r.SessionId.HasValue));
        Assert.Contains("from your network", results[2].Message, StringComparison.Ordinal);
        Assert.Equal(3, portal.Telephony.Placed.Count);
    }

    [Fact]
    public async Task The_portal_places_no_more_than_its_calls_per_hour()
    {
        portal.Settings["Verification:CallsPerHour"] = "2";
        var results = new List<StartResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await CallAndHangUpAsync(await PersonAsync($"+1201555019{i}")));
        }

        Assert.Equal([true, true, false], results.Select(r => r.SessionId.HasValue));
        Assert.Contains("this hour", results[2].Message, StringComparison.Ordinal);
        Assert.Equal(2, portal.Telephony.Placed.Count);
    }

    [Fact]
    public async Task A_placement_the_carrier_never_took_is_not_charged_to_the_person()
    {
        portal.Settings["Verification:CallsPerWindow"] = "1";
        var user = await PersonAsync("+12015550200");
        portal.Telephony.NextError = CallPlacementError.Unavailable; // Twilio unreachable

        var failed = await Service.StartAsync(user, SessionPurpose.Enroll, CancellationToken.None);
        var again = await Service.StartAsync(user, SessionPurpose.Enroll, CancellationToken.None);

        Assert.Equal(SessionState.Error, (await portal.SessionAsync(failed.SessionId!.Value)).State);
        Assert.True(again.SessionId.HasValue, again.Message);
        Assert.NotNull((await portal.SessionAsync(again.SessionId.Value)).CallSid);
    }

    [Fact]
    public async Task Numbers_outside_the_allowed_countries_are_not_called()
    {
        var user = await PersonAsync("+447400123456"); // saved before the operator's list said otherwise

        var refused = await Service.StartAsync(user, SessionPurpose.Enroll, CancellationToken.None);

        Assert.Equal(ReasonCode.InvalidNumber, refused.Refusal);
        Assert.Contains("does not call numbers in that country", refused.Message, StringComparison.Ordinal);
        Assert.Empty(portal.Telephony.Placed);
    }

    [Fact]
    public async Task Sign_in_and_API_calls_go_only_to_a_number_proven_by_keying_a_code()
    {
        var user = await portal.CreateCallerAsync("changed@example.com", enrolled: true);
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumberConfirmed, false)));

        var signIn = await Service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None, forSignIn: true);
        var api = await Service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None, client: "shop");
        var ownPage = await Service.StartAsync(user, SessionPurpose.Verify, CancellationToken.None);

        Assert.Equal(ReasonCode.NumberNotConfirmed, signIn.Refusal);
        Assert.Equal(ReasonCode.NumberNotConfirmed, api.Refusal);
        Assert.Contains("My voiceprint", signIn.Message, StringComparison.Ordinal);
        Assert.True(ownPage.SessionId.HasValue, ownPage.Message);
        Assert.Single(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_number_proven_by_one_account_is_never_rung_or_confirmed_for_another()
    {
        var owner = await PersonAsync("+12015550210");
        var (id, callSid) = await portal.StartAsync(owner, SessionPurpose.Enroll);
        await portal.VoiceAsync("answer", id, callSid);
        await portal.KeyCodeAsync(id, callSid);
        var claimant = await PersonAsync("+12015550210");

        var refused = await Service.StartAsync(claimant, SessionPurpose.Enroll, CancellationToken.None);
        string? profileError;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var third = await portal.CreateUserAsync("third@example.com", phone: "+12015550211");
            profileError = await scope.ServiceProvider.GetRequiredService<AccountService>().UpdateProfileAsync(third.Id, "+1 201 555 0210", null);
        }

        var forced = await Record.ExceptionAsync(() => portal.WithDbAsync(db =>
            db.Users.Where(u => u.Id == claimant).ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumberConfirmed, true))));

        Assert.True((await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == owner))).PhoneNumberConfirmed);
        Assert.Equal(ReasonCode.InvalidNumber, refused.Refusal);
        Assert.Contains("belongs to another VoiceAuth account", refused.Message, StringComparison.Ordinal);
        Assert.Contains("already confirmed for another", profileError, StringComparison.Ordinal);
        Assert.NotNull(forced); // the database's unique index: one account per proven number
        Assert.Single(portal.Telephony.Placed);
    }

    [Fact]
    public async Task A_changed_number_is_unconfirmed_again()
    {
        var user = await portal.CreateCallerAsync("mover@example.com", enrolled: true);
        await using var scope = portal.Services.CreateAsyncScope();

        var error = await scope.ServiceProvider.GetRequiredService<AccountService>().UpdateProfileAsync(user, "+1 201 555 0299", null);

        Assert.Null(error);
        Assert.False((await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user))).PhoneNumberConfirmed);
    }

    public void Dispose() => portal.Dispose();
}
