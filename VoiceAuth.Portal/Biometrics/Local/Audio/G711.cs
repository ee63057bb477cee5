namespace VoiceAuth.Portal.Biometrics.Local.Audio;

/// <summary>ITU-T G.711 μ-law and A-law expansion to 16-bit linear, as lookup tables.</summary>
internal static class G711
{
    public static readonly short[] MuLaw = BuildMuLaw();
    public static readonly short[] ALaw = BuildALaw();

    /// <summary>Largest magnitude either law can produce (μ-law 32124, A-law 32256).</summary>
    public const int MuLawMax = 32124;
    public const int ALawMax = 32256;

    private static short[] BuildMuLaw()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var u = ~i & 0xFF;
            var t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            table[i] = (short)((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }

        return table;
    }

    private static short[] BuildALaw()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var a = i ^ 0x55;
            var t = (a & 0x0F) << 4;
            var segment = (a & 0x70) >> 4;
            t = segment switch
            {
                0 => t + 8,
                1 => t + 0x108,
                _ => (t + 0x108) << (segment - 1),
            };
            table[i] = (short)((a & 0x80) != 0 ? t : -t);
        }

        return table;
    }
}
