using VoiceAuth.Portal.Features.Accounts;

namespace VoiceAuth.Portal.Tests.Features.Accounts;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/Account/Manage")]
    [InlineData("/")]
    [InlineData("Account/LoginWithVoice?returnUrl=%2F&rememberMe=False")]
    [InlineData("voiceprint#history")]
    [InlineData("/search?q=a:b")]
    public void Paths_on_this_site_are_kept(string url) => Assert.Equal(url, LocalUrl.OrHome(url));

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("HTTPS://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("data:text/html,hi")]
    [InlineData(null)]
    [InlineData("")]
    public void Anything_that_could_leave_the_site_goes_home(string? url) => Assert.Equal("", LocalUrl.OrHome(url));
}
