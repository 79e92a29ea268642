using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Measurement.AdcConversion;
using FsCheck;
using FsCheck.Fluent;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>Integer interpolation against hand-computed values and an independent double-precision reference.</summary>
public class PiecewiseLinearCalibrationTests
{
    private static PiecewiseLinearCalibration Curve(int[] counts, int[] values)
        => new(new CalibrationCurve(counts, values));

    [Theory]
    // Two points 100:-1000 and 3100:2000: slope 3000 mV / 3000 counts = 1 mV per count.
    [InlineData(100, -1000)]
    [InlineData(3100, 2000)]
    [InlineData(1600, 500)]
    [InlineData(1100, 0)]
    // Beyond the end points the end segment is extended.
    [InlineData(50, -1050)]
    [InlineData(3200, 2100)]
    public void Two_point_calibration_gives_hand_computed_values(int counts, int expectedMv)
    {
        Assert.Equal(expectedMv, Curve(new[] { 100, 3100 }, new[] { -1000, 2000 }).Convert(counts));
    }

    [Fact]
    public void Exact_midpoints_round_away_from_zero()
    {
        // 0:0 to 2:1 puts counts 1 at exactly 0.5; 0:0 to 2:-1 at exactly -0.5.
        Assert.Equal(1, Curve(new[] { 0, 2 }, new[] { 0, 1 }).Convert(1));
        Assert.Equal(-1, Curve(new[] { 0, 2 }, new[] { 0, -1 }).Convert(1));

        // 1000:-3 to 1002:0 puts 1001 at -1.5, which rounds to -2, not -1.
        Assert.Equal(-2, Curve(new[] { 1000, 1002 }, new[] { -3, 0 }).Convert(1001));
    }

    [Fact]
    public void Thirds_round_to_nearest()
    {
        PiecewiseLinearCalibration curve = Curve(new[] { 0, 3 }, new[] { 0, 1 });
        Assert.Equal(0, curve.Convert(1)); // 0.333
        Assert.Equal(1, curve.Convert(2)); // 0.667
    }

    [Fact]
    public void Multi_segment_curve_uses_the_segment_of_the_reading()
    {
        // 0:0, 100:1000 (10 per count), 200:1500 (5 per count).
        PiecewiseLinearCalibration curve = Curve(new[] { 0, 100, 200 }, new[] { 0, 1000, 1500 });
        Assert.Equal(500, curve.Convert(50));
        Assert.Equal(1000, curve.Convert(100));
        Assert.Equal(1250, curve.Convert(150));
        Assert.Equal(1750, curve.Convert(250));
    }

    [Fact]
    public void Falling_curve_converts_like_an_ntc()
    {
        Assert.Equal(750, Curve(new[] { 0, 1000 }, new[] { 1000, 0 }).Convert(250));
    }

    [Fact]
    public void Large_spans_use_64_bit_intermediates()
    {
        // -1e8 + 2048 * 2e8 / 4095 = -1e8 + 100024420.02 = 24420 (a 32-bit product would overflow).
        Assert.Equal(24420, Curve(new[] { 0, 4095 }, new[] { -100_000_000, 100_000_000 }).Convert(2048));
    }

    [Fact]
    public void Matches_a_double_precision_reference_for_random_curves()
    {
        Gen<int[]> countsGen = Gen.Choose(2, 16).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 4095), n))
            .Select(a => a.Distinct().OrderBy(x => x).ToArray()).Where(a => a.Length >= 2);
        Gen<(int[] Counts, int[] Values, int Reading)> cases =
            from counts in countsGen
            from steps in Gen.ArrayOf(Gen.Choose(1, 50_000), counts.Length)
            from start in Gen.Choose(-5_000_000, 5_000_000)
            from falling in Gen.Elements(true, false)
            from reading in Gen.Choose(0, 4095)
            select (counts, Accumulate(start, steps, falling), reading);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int segment = 0;
            while (segment < c.Counts.Length - 2 && c.Reading >= c.Counts[segment + 1])
            {
                segment++;
            }

            double slope = (double)(c.Values[segment + 1] - c.Values[segment]) / (c.Counts[segment + 1] - c.Counts[segment]);
            double exact = c.Values[segment] + (slope * (c.Reading - c.Counts[segment]));
            long expected = (long)Math.Round(exact, MidpointRounding.AwayFromZero);
            return Curve(c.Counts, c.Values).Convert(c.Reading) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Exact_halves_round_away_from_zero_for_random_segments()
    {
        // Segments two counts wide with an odd value step put the middle reading on an exact half.
        Gen<(int C0, int V0, int Step)> cases =
            from c0 in Gen.Choose(0, 4093)
            from v0 in Gen.Choose(-1_000_000, 1_000_000)
            from half in Gen.Choose(-20_000, 20_000)
            select (c0, v0, (2 * half) + 1);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            decimal exact = c.V0 + (c.Step / 2m);
            int expected = (int)Math.Round(exact, MidpointRounding.AwayFromZero);
            return Curve(new[] { c.C0, c.C0 + 2 }, new[] { c.V0, c.V0 + c.Step }).Convert(c.C0 + 1) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Converting_allocates_nothing()
    {
        PiecewiseLinearCalibration curve = Curve(new[] { 1, 200, 3500, 4094 }, new[] { -3700, -3400, 2300, 3600 });
        var channel = new CalibratedAdcChannel(new CalibrationCurve(new[] { 1, 4094 }, new[] { -3700, 3600 }), 4095);
        curve.Convert(1000);
        channel.TryConvert(1000, out _, out _);

        // Every count from below the range to above it, in each of the helper's windows.
        long sum = 0;
        long bytes = SteadyStateAllocation.BytesPerWindow(
            i =>
            {
                int counts = (i % 4210) - 10;
                sum += curve.Convert(counts);
                channel.TryConvert(counts, out int value, out _);
                sum += value;
            },
            0,
            4210);

        Assert.Equal(0, bytes);
        Assert.NotEqual(0, sum);
    }

    private static int[] Accumulate(int start, int[] steps, bool falling)
    {
        var values = new int[steps.Length];
        int value = start;
        for (int i = 0; i < steps.Length; i++)
        {
            value += falling ? -steps[i] : steps[i];
            values[i] = value;
        }

        return values;
    }
}
