namespace VoiceAuth.SampleShop;

/// <summary>One of the shop's own accounts; the same e-mail must have a VoiceAuth account with a voiceprint.</summary>
public sealed record ShopUser(string Email, string Password);
