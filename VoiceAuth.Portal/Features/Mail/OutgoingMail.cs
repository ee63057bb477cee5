namespace VoiceAuth.Portal.Features.Mail;

/// <summary>A plain-text e-mail to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);
