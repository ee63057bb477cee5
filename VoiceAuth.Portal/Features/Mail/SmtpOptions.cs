namespace VoiceAuth.Portal.Features.Mail;

/// <summary>Section <c>Mail:Smtp</c>. The password comes from user-secrets or an environment variable.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (port 587), <c>SslOnConnect</c> (port 465), or <c>None</c> (a relay on the same host only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";
}
