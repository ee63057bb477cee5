namespace VoiceAuth.Portal.Features.Mail;

/// <summary>How the connection to the SMTP server is protected (<c>Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}
