namespace VoiceAuth.SampleShop;

/// <summary>Section <c>VoiceAuth</c>: where the provider is and who the shop is to it.</summary>
public sealed class VoiceAuthOptions
{
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>From user-secrets or the environment (<c>VoiceAuth__ClientSecret</c>), never a committed file.</summary>
    public string ClientSecret { get; set; } = "";
}
