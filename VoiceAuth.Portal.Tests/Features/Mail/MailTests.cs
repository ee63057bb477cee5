using System.Net;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VoiceAuth.Portal.Features.Mail;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.Features.Mail;

/// <summary>The account e-mails: the development outbox, or a real SMTP server when one is configured.</summary>
public sealed class MailTests : IDisposable
{
    private readonly PortalFactory factory = new();

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.PhoneNumber"] = "+1 201 555 0160",
            ["Input.Password"] = TestPasswords.Good,
            ["Input.ConfirmPassword"] = TestPasswords.Good,
        });

    [Fact]
    public async Task The_outbox_page_shows_sent_mails_with_their_links()
    {
        var client = factory.CreateBrowserClient();
        await RegisterAsync(client, "outbox@example.com");

        var outbox = await client.GetDocumentAsync("/dev/outbox");

        Assert.Contains("Confirm your e-mail address", outbox.QuerySelector(".va-mail")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(outbox.QuerySelectorAll(".va-mail a"), a => a.GetAttribute("href")!.Contains("/Account/ConfirmEmail?userId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_mail_server_mails_go_out_by_smtp_with_links_to_the_configured_address_and_there_is_no_outbox()
    {
        using var smtp = new FakeSmtpServer();
        factory.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        factory.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Mail:Smtp:Security"] = "None";
        factory.Settings["Mail:From"] = "voiceauth@example.com";
        factory.Settings["Mail:LinkBaseUrl"] = "https://voiceauth.example.com";
        var client = factory.CreateBrowserClient();

        await RegisterAsync(client, "smtp@example.com");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var data = await smtp.Messages.Reader.ReadAsync(timeout.Token);
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(data)));

        Assert.Equal("smtp@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("voiceauth@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal("Confirm your e-mail address for VoiceAuth", message.Subject);
        // Not the request's Host (localhost): links follow Mail:LinkBaseUrl.
        Assert.Contains("https://voiceauth.example.com/Account/ConfirmEmail?userId=", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/outbox")).StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_a_missing_mail_server_is_refused_naming_the_key(string environment)
    {
        var validator = new MailOptionsValidator(new HostEnvironment(environment));

        var result = validator.Validate(null, new MailOptions());

        Assert.True(result.Failed);
        Assert.Contains("Mail:Smtp:Host", result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "VoiceAuth.Portal";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    public void Dispose() => factory.Dispose();
}
