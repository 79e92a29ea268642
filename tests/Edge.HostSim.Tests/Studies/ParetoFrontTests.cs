// Licensed under the MIT License.

using System.Diagnostics;
using Edge.HostSim.Studies;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>The front against its definition: every row that no other row dominates (<see cref="ParetoFront.Dominates"/>).</summary>
public sealed class ParetoFrontTests
{
    // Few capacities and duties a tolerance's fraction apart: ties of capacity, duties within, at and past 0.001, NaN.
    private static readonly double[] s_capacities = { 2, 7.5, 10, 10.0000001, 14, double.NaN, double.PositiveInfinity };
    private static readonly double[] s_duties = { 0.1, 0.1005, 0.101, 0.1015, 0.2, 0.2009, 0.2011, 0.5, 1, double.NaN, 0 };

    private static readonly Gen<StudyRow[]> s_studies =
        Gen.ArrayOf(
            from capacity in Gen.Elements(s_capacities)
            from duty in Gen.Elements(s_duties)
            select (capacity, duty))
        .Select(points => points.Select((p, i) => Row(i, p.capacity, p.duty)).ToArray());

    [Fact]
    public void TheFrontIsEveryRowNoOtherRowDominates()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(s_studies.ToArbitrary(), (StudyRow[] rows) =>
        {
            int[] expected = Enumerable.Range(0, rows.Length)
                .Where(i => !rows.Where((r, k) => k != i).Any(r => ParetoFront.Dominates(r.CapacityMAhPerCm2, r.DutyCycle, rows[i].CapacityMAhPerCm2, rows[i].DutyCycle)))
                .OrderBy(i => rows[i].DutyCycle).ThenBy(i => i)
                .ToArray();

            Assert.Equal(expected, ParetoFront.Of(rows).ToArray());
        }));
    }

    [Fact]
    public void AStudyAtTheLimitOfVariantsGetsItsFrontInSeconds()
    {
        // 100,000 variants (the most a study may have) in blocks of 200 at one duty, each block 0.002 (twice the
        // tolerance) above the one before and below it in capacity: comparing every pair took minutes, for each of the
        // table, the plot and the report. The bound is far above what one sort takes.
        StudyRow[] rows = Enumerable.Range(0, 100_000).Select(i => Row(i, 100_000 - i, (i / 200) * 0.002)).ToArray();

        Stopwatch wall = Stopwatch.StartNew();
        IReadOnlyList<int> front = ParetoFront.Of(rows);
        wall.Stop();

        // Each block's first row has the most capacity at its duty; the rest of the block has less at the same duty.
        Assert.Equal(Enumerable.Range(0, 500).Select(k => 200 * k), front);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(10), $"{wall.Elapsed.TotalSeconds:F1} s for the front of 100,000 variants");
    }

    private static StudyRow Row(int i, double capacity, double duty) => new StudyRow { Index = i, Variant = "v" + i, CapacityMAhPerCm2 = capacity, DutyCycle = duty };
}
