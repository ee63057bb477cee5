using MudBlazor;

namespace VoiceAuth.Portal.Components.Layout;

internal static class PortalTheme
{
    // The system font stack: nothing is fetched from a font CDN (the portal must work offline).
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", Secondary = "#00897b", AppbarBackground = "#283593" },
        PaletteDark = new PaletteDark { Primary = "#8c9eff", Secondary = "#4db6ac" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };
}
