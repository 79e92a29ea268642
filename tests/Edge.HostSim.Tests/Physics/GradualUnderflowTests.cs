using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>
/// The decay product near underflow must be the hardware's IEEE 754 product bit for bit (the simulation's results may not
/// move by one bit), in particular around the subnormal range and on rounding ties.
/// </summary>
public class GradualUnderflowTests
{
    private const double SmallestNormal = 2.2250738585072014E-308;

    [Fact]
    public void MatchesTheHardwareProductOverTheUnderflowRange()
    {
        var random = new Random(20261202);
        for (int i = 0; i < 2_000_000; i++)
        {
            // Magnitudes from 2^-1074 to 2^-900, factors from 2^-60 to 1, both with random significand bits.
            double x = RandomMagnitude(random, -1074, -900) * (random.Next(2) == 0 ? 1 : -1);
            double factor = RandomMagnitude(random, -60, 0);
            if (factor > 1.0)
            {
                factor = 1.0;
            }

            AssertSameBits(x * factor, GradualUnderflow.Multiply(x, factor), x, factor);
        }
    }

    [Fact]
    public void MatchesTheHardwareOnExactHalfUnits()
    {
        // Factors with few significant bits times subnormals land exactly on half units (and near them) often.
        var random = new Random(7);
        for (int i = 0; i < 1_000_000; i++)
        {
            double factor = random.Next(1, 1025) / 1024.0;
            double x = BitConverter.UInt64BitsToDouble((ulong)random.NextInt64(1, 1L << 53));
            AssertSameBits(x * factor, GradualUnderflow.Multiply(x, factor), x, factor);
            AssertSameBits(-x * factor, GradualUnderflow.Multiply(-x, factor), -x, factor);
        }
    }

    [Fact]
    public void RoundsTiesToEvenAtTheSmallestSubnormal()
    {
        double smallest = double.Epsilon;

        // In units of 2^-1074: 1.5 -> 2, 0.5 -> 0, 2.5 -> 2, 3.5 -> 4 (ties to even); 3.75 -> 4, 2.25 -> 2 (nearest).
        Assert.Equal(2 * smallest, GradualUnderflow.Multiply(3 * smallest, 0.5));
        Assert.Equal(0.0, GradualUnderflow.Multiply(smallest, 0.5));
        Assert.Equal(2 * smallest, GradualUnderflow.Multiply(5 * smallest, 0.5));
        Assert.Equal(4 * smallest, GradualUnderflow.Multiply(7 * smallest, 0.5));
        Assert.Equal(4 * smallest, GradualUnderflow.Multiply(5 * smallest, 0.75));
        Assert.Equal(2 * smallest, GradualUnderflow.Multiply(3 * smallest, 0.75));
    }

    [Fact]
    public void KeepsTheSignOfAnUnderflowToZero()
    {
        double result = GradualUnderflow.Multiply(-double.Epsilon, 0.25);
        Assert.Equal(0.0, result);
        Assert.True(double.IsNegative(result));
    }

    [Fact]
    public void CrossesIntoTheNormalRangeLikeTheHardware()
    {
        // Products just below, at and above 2^-1022 and 2^-1021, where the spacing changes.
        double[] xs = { SmallestNormal, SmallestNormal * 1.5, SmallestNormal * 2, SmallestNormal * 4, BitConverter.UInt64BitsToDouble(0x000F_FFFF_FFFF_FFFFUL), 1e-300, 1e-250 };
        double[] factors = { 1.0, 0.9999999999999999, 0.5, 0.5000000000000001, 0.75, 1e-5, 2.2e-5 };
        foreach (double x in xs)
        {
            foreach (double factor in factors)
            {
                AssertSameBits(x * factor, GradualUnderflow.Multiply(x, factor), x, factor);
            }
        }
    }

    [Fact]
    public void LeavesZerosAndOtherFactorsToTheHardware()
    {
        AssertSameBits(0.0, GradualUnderflow.Multiply(0.0, 0.5), 0.0, 0.5);
        AssertSameBits(-0.0, GradualUnderflow.Multiply(-0.0, 0.5), -0.0, 0.5);
        AssertSameBits(3 * double.Epsilon * 3.0, GradualUnderflow.Multiply(3 * double.Epsilon, 3.0), 3 * double.Epsilon, 3.0);
        AssertSameBits(0.0, GradualUnderflow.Multiply(1e-310, 0.0), 1e-310, 0.0);
        Assert.True(double.IsNaN(GradualUnderflow.Multiply(double.NaN, 0.5)));
    }

    [Fact]
    public void GuardCoversTheSmallestNormalFactor()
    {
        Assert.Equal(SmallestNormal / 0.25, GradualUnderflow.GuardFor(new[] { 0.5, 0.25, 0.0, 0.9 }));
        Assert.Equal(SmallestNormal, GradualUnderflow.GuardFor(new[] { 0.0 }));
    }

    private static double RandomMagnitude(Random random, int lowestExponent, int highestExponent)
    {
        double significand = 1.0 + random.NextDouble();
        return Math.ScaleB(significand, random.Next(lowestExponent, highestExponent + 1));
    }

    private static void AssertSameBits(double expected, double actual, double x, double factor)
    {
        if (BitConverter.DoubleToUInt64Bits(expected) != BitConverter.DoubleToUInt64Bits(actual))
        {
            Assert.Fail($"{x:R} x {factor:R}: hardware {expected:R} ({BitConverter.DoubleToUInt64Bits(expected):X16}), computed {actual:R} ({BitConverter.DoubleToUInt64Bits(actual):X16})");
        }
    }
}
