using System.Numerics;
using System.Runtime.InteropServices;

namespace VoiceAuth.Portal.Biometrics.Local.Modeling;

/// <summary>The few SIMD kernels the hot paths need (GMM scoring, filtering, DTW).</summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        var acc = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            for (var k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            i = va.Length * Vector<float>.Count;
        }

        var sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Σ (x − m)² · p, the diagonal-Gaussian exponent with precisions p.</summary>
    public static float WeightedSquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> m, ReadOnlySpan<float> p)
    {
        var n = x.Length;
        var acc = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vm = MemoryMarshal.Cast<float, Vector<float>>(m[..n]);
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p[..n]);
            for (var k = 0; k < vx.Length; k++)
            {
                var d = vx[k] - vm[k];
                acc += d * d * vp[k];
            }

            i = vx.Length * Vector<float>.Count;
        }

        var sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            var d = x[i] - m[i];
            sum += d * d * p[i];
        }

        return sum;
    }

    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        var acc = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            for (var k = 0; k < va.Length; k++)
            {
                var d = va[k] - vb[k];
                acc += d * d;
            }

            i = va.Length * Vector<float>.Count;
        }

        var sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    /// <summary>log(Σ exp(v)), stable.</summary>
    public static double LogSumExp(ReadOnlySpan<float> v)
    {
        var max = float.NegativeInfinity;
        foreach (var x in v)
        {
            max = Math.Max(max, x);
        }

        if (float.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (var x in v)
        {
            sum += Math.Exp(x - max);
        }

        return max + Math.Log(sum);
    }
}
