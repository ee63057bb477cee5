namespace VoiceAuth.SampleShop;

/// <summary>A shop with its own password sign-in that also requires VoiceAuth's voice step (see README.md).</summary>
internal static class Program
{
    public static Task Main(string[] args) => ShopApp.Create(args).RunAsync();
}
