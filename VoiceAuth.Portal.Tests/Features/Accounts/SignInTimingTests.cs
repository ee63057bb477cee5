using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

/// <summary>Issue 10, finding 4: how long a wrong sign-in takes must not say whether the address has an account.</summary>
public sealed class SignInTimingTests : IDisposable
{
    private const int Rounds = 15;
    private readonly PortalFactory factory = new();

    public SignInTimingTests()
    {
        factory.Settings["Accounts:PostsPerMinute"] = "1000";
        factory.Settings["Accounts:MaxFailedSignIns"] = "100";
    }

    /// <summary>Posts one wrong sign-in and returns how long the server took to answer it.</summary>
    private static async Task<TimeSpan> TimeWrongSignInAsync(HttpClient client, string email)
    {
        var form = (await client.GetDocumentAsync("/Account/Login")).Forms.Single(f => f.QuerySelector("input[name=_handler][value=login]") is not null);
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        values["Input.Email"] = email;
        values["Input.Password"] = "Wrong-password-1";
        var content = new FormUrlEncodedContent(values);

        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/Account/Login", content);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed;
    }

    private static double Median(List<TimeSpan> samples) => samples.Select(s => s.TotalMilliseconds).Order().ElementAt(samples.Count / 2);

    [Fact]
    public async Task A_wrong_sign_in_takes_as_long_for_an_unknown_address_as_for_a_real_one()
    {
        await factory.CreateUserAsync("real@example.com");
        var client = factory.CreateBrowserClient();
        await TimeWrongSignInAsync(client, "real@example.com"); // warm-up: first requests compile and connect
        await TimeWrongSignInAsync(client, "ghost@example.com");

        List<TimeSpan> real = [], unknown = [];
        for (var i = 0; i < Rounds; i++)
        {
            // Interleaved, so a slow spell on the machine hits both alike.
            real.Add(await TimeWrongSignInAsync(client, "real@example.com"));
            unknown.Add(await TimeWrongSignInAsync(client, $"ghost{i}@example.com"));
        }

        // Before the fix the unknown address answered 4-20 times faster (no password hash); now both hash once.
        var ratio = Median(unknown) / Median(real);
        Assert.True(ratio is > 0.6 and < 1.6,
            $"Median wrong sign-in: real {Median(real):F1} ms, unknown {Median(unknown):F1} ms (ratio {ratio:F2}).");
    }

    public void Dispose() => factory.Dispose();
}
