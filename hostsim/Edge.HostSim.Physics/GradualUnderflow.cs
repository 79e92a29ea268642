using System.Runtime.CompilerServices;

namespace Edge.HostSim.Physics;

/// <summary>
/// Decay products that end in (or start from) the subnormal range, computed on normal numbers. A resting cell's
/// fast diffusion modes decay by e_n per step towards zero and pass through the subnormal range on the way (each
/// for dozens of steps of a long rest); on x64 a multiplication with a subnormal operand or result takes a
/// microcode assist (about 50 ns against 1 ns for a vector multiply, measured on an Intel Xeon), and in a resting
/// 16-cell module that one multiply took about a tenth of the run. The product here is the IEEE 754
/// round-to-nearest-even result bit for bit (the hardware's, which does not flush to zero), so nothing the
/// simulation computes changes; only the time does.
/// </summary>
internal static class GradualUnderflow
{
    private const ulong SignBit = 0x8000_0000_0000_0000UL;
    private const ulong ImplicitBit = 1UL << 52;

    /// <summary>Bits of 2^-900 less one: from there on (and for zero) x is left to the hardware.</summary>
    private const ulong LargestSmallBits = (123UL << 52) - 1;
    private const double TwoTo52 = 4503599627370496.0;

    /// <summary>Smallest positive normal double, 2^-1022.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>
    /// Magnitude below which a product with any of <paramref name="factors"/> (all in (0, 1]) may be subnormal:
    /// the smallest normal over the smallest normal factor. Factors that are zero or subnormal are left to the
    /// hardware (their products are exact there too, only not fast).
    /// </summary>
    public static double GuardFor(ReadOnlySpan<double> factors)
    {
        double smallest = 1.0;
        foreach (double f in factors)
        {
            if (double.IsNormal(f) && f < smallest)
            {
                smallest = f;
            }
        }

        return SmallestNormal / smallest;
    }

    /// <summary>
    /// x * factor rounded as IEEE 754 double multiplication rounds it (to nearest, ties to even, gradual
    /// underflow), for a normal factor in (0, 1]. Products that stay normal, a zero x and other factors take the
    /// hardware multiplication, which involves no subnormal then or is rare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double x, double factor)
    {
        ulong xBits = BitConverter.DoubleToUInt64Bits(x);
        ulong magnitude = xBits & ~SignBit;
        if (magnitude - 1 >= LargestSmallBits || !double.IsNormal(factor) || !(factor > 0) || !(factor <= 1.0))
        {
            return x * factor;
        }

        // |x| (below 2^-900) in units of 2^-1074 as a normal double, built from the bits: a subnormal's fraction is
        // that count (below 2^52, exact), a normal's exponent moves up by 1074 (exact).
        double units = magnitude < ImplicitBit ? (double)(long)magnitude : BitConverter.UInt64BitsToDouble(magnitude + (1074UL << 52));

        // The product in units, rounded once to 53 bits: from 2^52 units on that is the IEEE result (a normal one,
        // of normal operands, so the hardware has no assist to take either).
        double product = units * factor;
        if (product >= TwoTo52)
        {
            return x * factor;
        }

        // Below 2^52 units the spacing is 2^-1074: round the exact product to a whole unit, ties to even. Half units
        // are representable there and rounding is monotonic, so the rounded product lies on the same side of every
        // half unit as the exact one, or on it: only then does the exact remainder (fused multiply-add) decide.
        double whole = Math.Round(product);
        if (Math.Abs(product - whole) == 0.5)
        {
            double remainder = Math.FusedMultiplyAdd(units, factor, -product);
            if (remainder > 0)
            {
                whole = product + 0.5;
            }
            else if (remainder < 0)
            {
                whole = product - 0.5;
            }
        }

        // Below 2^53 units a non-negative double's bit pattern is its value in units of 2^-1074 (subnormals, and
        // the lowest normal binade with its implicit bit in the exponent field).
        return BitConverter.UInt64BitsToDouble((xBits & SignBit) | (ulong)whole);
    }
}
