using VoiceAuth.Portal.Telemetry;

namespace VoiceAuth.Portal.Tests.Telemetry;

public sealed class UrlScrubberTests
{
    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef.wav",
        "https://api.twilio.com/2010-04-01/Accounts/AC{sid}/Recordings/RE{sid}.wav")]
    [InlineData("/Account/ResetPassword?code=secret-token&email=a%40b.c", "/Account/ResetPassword")]
    [InlineData("/twilio/voice/6f1d2c84-0000-4000-8000-000000000000/recorded?step=2#x", "/twilio/voice/6f1d2c84-0000-4000-8000-000000000000/recorded")]
    [InlineData("/api/v1/verifications", "/api/v1/verifications")]
    public void Addresses_lose_query_strings_and_Twilio_ids(string url, string expected) =>
        Assert.Equal(expected, UrlScrubber.Scrub(url));
}
