namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary><c>Twilio:Mode</c>: who carries the calls.</summary>
public enum TwilioMode
{
    /// <summary>The built-in emulator (VoiceAuth.TwilioEmulator) and its softphone: no phone rings. The default in Development.</summary>
    Emulator,

    /// <summary>The real Twilio account configured under <c>Twilio:*</c>. The default everywhere else.</summary>
    Twilio,
}
