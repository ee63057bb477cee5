using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Emulator;
using VoiceAuth.Emulator.Handsets;
using VoiceAuth.Emulator.Testing;
using VoiceAuth.Portal.Features.Api;
using VoiceAuth.Portal.Features.Verification;
using VoiceAuth.Portal.Features.Voiceprints;
using VoiceAuth.Portal.Tests.Biometrics;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.EndToEnd;

/// <summary>
/// Another application's login page, the whole way: its server asks for a call over HTTP, the (emulated) phone
/// rings through the real Twilio SDK path, a scripted caller speaks, the real engine decides, and the application
/// follows by long polling and redeems the result.
/// </summary>
public sealed class ApiLoginJourneyTests(SpeechCorpusFixture corpus) : IClassFixture<SpeechCorpusFixture>, IDisposable
{
    private const string Key = "journey-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Phone = "+12015550177";
    private readonly LivePortal portal = new();
    private readonly Speech speech = new(corpus);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_application_lets_in_the_enrolled_voice_and_not_an_impostor(bool genuine)
    {
        portal.Settings["Api:Clients:0:Name"] = "intranet";
        portal.Settings["Api:Clients:0:Key"] = Key;
        var baseUrl = portal.Start();
        var emulator = portal.Services.GetRequiredService<TwilioEmulator>();
        var user = await portal.CreateUserAsync("staff@example.com", phone: Phone);
        await portal.WithDbAsync(db => { db.VoiceConsents.Add(new VoiceConsent { UserId = user.Id }); return db.SaveChangesAsync(); });
        using (emulator.Handsets.Register(Phone, new ScriptedHandset().PressDigits(portal.CodeForCall).Speak(speech.Enrollment[0]).Speak(speech.Enrollment[1]).Speak(speech.Enrollment[2])))
        {
            var enrolled = await portal.Services.GetRequiredService<VerificationService>().StartAsync(user.Id, SessionPurpose.Enroll, CancellationToken.None);
            await emulator.WaitForCallAsync((await portal.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == enrolled.SessionId).CallSid)))!, TimeSpan.FromSeconds(60));
        }

        var voice = genuine ? speech.Genuine : speech.Impostor;
        // The application shows the code from the start answer; the person keys what it shows.
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var line = emulator.Handsets.Register(Phone, new ScriptedHandset()
            .PressDigits(_ => shown.Task.Wait(TimeSpan.FromSeconds(30)) ? shown.Task.Result : "").Speak(voice[0]).Speak(voice[1]));
        using var app = new HttpClient { BaseAddress = baseUrl };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var started = await app.PostAsJsonAsync("api/v1/verifications", new { email = "staff@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = (await started.Content.ReadFromJsonAsync<VerificationStatus>())!;
        Assert.Matches("^[0-9]{4}$", status.Code);
        shown.SetResult(status.Code!);
        var seen = new List<VerificationStep>(status.Events);
        for (var polls = 0; !status.Final && polls < 30; polls++)
        {
            status = (await app.GetFromJsonAsync<VerificationStatus>($"api/v1/verifications/{status.Id}?after={seen[^1].Sequence}&wait=10"))!;
            seen.AddRange(status.Events);
        }

        var redeem = await app.PostAsync($"api/v1/verifications/{status.Id}/redeem", null);
        Assert.Equal(genuine ? "passed" : "failed", status.State);
        Assert.Equal(genuine ? HttpStatusCode.OK : HttpStatusCode.Conflict, redeem.StatusCode);
        Assert.Equal(Enumerable.Range(1, seen.Count), seen.Select(e => e.Sequence)); // every step once, in order, none lost
        Assert.Contains("answered", seen.Select(e => e.State));
        Assert.Contains("checking", seen.Select(e => e.State));
        Assert.Equal(status.State, seen[^1].State);
    }

    public void Dispose() => portal.Dispose();
}
