using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Voiceprints;

public sealed class PersonalDataTests : IDisposable
{
    private readonly PhoneFlowHarness portal = new();

    [Fact]
    public async Task The_download_holds_the_voice_facts_but_never_the_voiceprint()
    {
        var user = await portal.CreateCallerAsync("mine@example.com", enrolled: true);
        await portal.StartAsync(user, SessionPurpose.Verify);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("mine@example.com");
        var page = await client.GetDocumentAsync("/Account/Manage/PersonalData");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var voice = json.RootElement.GetProperty("Voice");
        Assert.Equal("local", voice.GetProperty("Voiceprint").GetProperty("Engine").GetString());
        Assert.Equal("Verify", voice.GetProperty("Calls")[0].GetProperty("Purpose").GetString());
        Assert.Equal("VoiceAuth", voice.GetProperty("Calls")[0].GetProperty("RequestedBy").GetString());
        Assert.True(voice.GetProperty("Consent").GetProperty("TextVersion").GetInt32() >= 1);
        Assert.DoesNotContain("ProtectedState", json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_deletes_voiceprint_sessions_and_consent()
    {
        var user = await portal.CreateCallerAsync("gone@example.com", enrolled: true);
        await portal.StartAsync(user, SessionPurpose.Verify);
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("gone@example.com");

        var response = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", "delete-user", new Dictionary<string, string> { ["Input.Password"] = TestPasswords.Good });

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await portal.WithDbAsync(db => db.Voiceprints.CountAsync()));
        Assert.Equal(0, await portal.WithDbAsync(db => db.Sessions.CountAsync()));
        Assert.Equal(0, await portal.WithDbAsync(db => db.VoiceConsents.CountAsync()));
    }

    [Fact]
    public async Task Deleting_the_account_mid_call_hangs_up_and_deletes_the_recordings_at_the_carrier()
    {
        var user = await portal.CreateCallerAsync("midcall@example.com", enrolled: true);
        var (sessionId, callSid) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.VoiceAsync("answer", sessionId, callSid, new() { ["AnsweredBy"] = "human" });
        // A recording the carrier still holds and nobody has processed yet (due later).
        await portal.WithDbAsync(async db =>
        {
            db.Recordings.Add(new CallRecording
            {
                SessionId = sessionId, Step = 1, RecordingSid = "RE-held-at-carrier", RecordingUrl = "https://api.twilio.com/x",
                NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1),
            });
            return await db.SaveChangesAsync();
        });
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("midcall@example.com");

        var response = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", "delete-user", new Dictionary<string, string> { ["Input.Password"] = TestPasswords.Good });

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(callSid, portal.Telephony.HungUp);
        Assert.Contains("RE-held-at-carrier", portal.Telephony.Deleted);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task When_the_carrier_cannot_delete_a_recording_the_account_stays_and_the_page_says_why()
    {
        var user = await portal.CreateCallerAsync("later@example.com", enrolled: true);
        var (sessionId, _) = await portal.StartAsync(user, SessionPurpose.Verify);
        await portal.WithDbAsync(async db =>
        {
            db.Recordings.Add(new CallRecording { SessionId = sessionId, Step = 1, RecordingSid = "RE-stuck", RecordingUrl = "https://api.twilio.com/x", NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1) });
            return await db.SaveChangesAsync();
        });
        portal.Telephony.DeletesFail = true;
        var client = portal.CreateBrowserClient();
        await client.SignInAsync("later@example.com");

        var response = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", "delete-user", new Dictionary<string, string> { ["Input.Password"] = TestPasswords.Good });

        Assert.Contains("phone company", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await portal.WithDbAsync(db => db.Recordings.CountAsync(r => !r.DeletedAtCarrier)));
    }

    public void Dispose() => portal.Dispose();
}
