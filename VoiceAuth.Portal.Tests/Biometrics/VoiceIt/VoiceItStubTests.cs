using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>The stub itself, spoken to by a plain HttpClient: it must answer the way VoiceIt does.</summary>
public sealed class VoiceItStubTests
{
    [Fact]
    public async Task Create_user_answers_201_with_voiceit_json()
    {
        await using var stub = await VoiceItStub.StartAsync();
        using var client = Client(stub);

        using var response = await client.PostAsync("users", null);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("SUCC", json.GetProperty("responseCode").GetString());
        Assert.Equal(201, json.GetProperty("status").GetInt32());
        Assert.Matches(@"^\d+\.\d{3}s$", json.GetProperty("timeTaken").GetString());
        Assert.Matches("^api_[a-z0-9]{32}$", json.GetProperty("apiCallId").GetString());
        var userId = json.GetProperty("userId").GetString()!;
        Assert.Matches("^usr_[a-z0-9]{32}$", userId);
        Assert.Equal($"Created user with userId : {userId}", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Wrong_credentials_are_401_unac()
    {
        await using var stub = await VoiceItStub.StartAsync();
        using var client = Client(stub, token: "tok_" + new string('0', 32));

        using var response = await client.PostAsync("users", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAC", await CodeOf(response));
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("contentLanguage")]
    [InlineData("phrase")]
    [InlineData("recording")]
    public async Task An_upload_missing_a_field_is_400_misp(string missing)
    {
        await using var stub = await VoiceItStub.StartAsync();
        using var client = Client(stub);
        var userId = stub.AddUser();
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("userId", userId), ("contentLanguage", "en-US"), ("phrase", "Never forget tomorrow is a new day") })
        {
            if (name != missing)
            {
                form.Add(new StringContent(value), name);
            }
        }

        if (missing != "recording")
        {
            form.Add(new ByteArrayContent(TestWav.Tone(1)), "recording", "recording.wav");
        }

        using var response = await client.PostAsync("enrollments/voice", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MISP", await CodeOf(response));
        Assert.Equal(0, stub.EnrollmentCount(userId));
    }

    [Fact]
    public async Task Verification_before_three_enrollments_is_pnte_and_an_unknown_user_is_unfd()
    {
        await using var stub = await VoiceItStub.StartAsync();
        using var client = Client(stub);

        using var early = await client.PostAsync("verification/voice", Upload(stub.AddUser(enrollments: 2)));
        using var unknown = await client.DeleteAsync("users/usr_" + new string('9', 32));

        Assert.Equal((HttpStatusCode.BadRequest, "PNTE"), (early.StatusCode, await CodeOf(early)));
        Assert.Equal((HttpStatusCode.NotFound, "UNFD"), (unknown.StatusCode, await CodeOf(unknown)));
    }

    [Fact]
    public async Task A_mismatch_is_fail_with_http_200()
    {
        await using var stub = await VoiceItStub.StartAsync();
        using var client = Client(stub);
        stub.Enqueue(StubRoutes.Verify, StubAnswer.Fail(17.5));

        using var response = await client.PostAsync("verification/voice", Upload(stub.AddUser(enrollments: 3)));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("FAIL", 17.5), (json.GetProperty("responseCode").GetString(), json.GetProperty("confidence").GetDouble()));
    }

    private static MultipartFormDataContent Upload(string userId) => new()
    {
        { new StringContent(userId), "userId" },
        { new StringContent("en-US"), "contentLanguage" },
        { new StringContent("Never forget tomorrow is a new day"), "phrase" },
        { new ByteArrayContent(TestWav.Tone(1)), "recording", "recording.wav" },
    };

    private static HttpClient Client(VoiceItStub stub, string token = VoiceItStub.ApiToken) => new()
    {
        BaseAddress = stub.BaseUrl,
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VoiceItStub.ApiKey}:{token}"))),
        },
    };

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("responseCode").GetString();
}
