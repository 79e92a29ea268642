// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>Expansion of a manifest into variants, shards, and the manifest's own checks.</summary>
public sealed class StudyPlanTests
{
    [Fact]
    public void AxesCrossInManifestOrderWithEveryDraw()
    {
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small, ".");
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(spec);

        // 2 pulse lengths x 3 currents (0.5, 1, 1.5 by steps of 0.5) x 2 draws.
        Assert.Equal(12, variants.Count);
        Assert.Equal("v0001", variants[0].Id);
        Assert.Equal(new[] { "0.5", "0.5", "0.5" }, variants[0].Parameters.Take(2).Select(p => StudyPlan.Text(p.Value)).Append("0.5").ToArray());
        Assert.Equal("1.5", StudyPlan.Text(variants[5].Parameters[1].Value));
        Assert.Equal("1", StudyPlan.Text(variants[6].Parameters[0].Value));

        // Placeholders fill the step text; the field axis lands in the overrides; each variant has its own name.
        Assert.Equal("Strip at 1.5 mA/cm2 for 0.5 s", variants[4].Scenario.Protocol.Steps[0]);
        Assert.Equal(StudyPlan.Text(variants[4].Parameters[2].Value), variants[4].Scenario.Pack.Overrides["tauS"].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("small-v0005", variants[4].Scenario.Name);

        // The two draws repeat for every combination, within [2, 5], with four significant digits.
        double first = variants[0].Scenario.Pack.Overrides["tauS"];
        double second = variants[1].Scenario.Pack.Overrides["tauS"];
        Assert.NotEqual(first, second);
        Assert.All(variants.Where((v, i) => i % 2 == 0), v => Assert.Equal(first, v.Scenario.Pack.Overrides["tauS"]));
        Assert.InRange(first, 2, 5);
        Assert.Equal(first, StudyPlan.Round(first, 4));
    }

    [Fact]
    public void SameSeedSameDrawsOtherSeedOtherDraws()
    {
        double Draw(string json) => StudyPlan.Expand(StudyLoader.Parse(json, "."))[0].Scenario.Pack.Overrides["tauS"];

        Assert.Equal(Draw(StudyManifests.Small), Draw(StudyManifests.Small));
        Assert.NotEqual(Draw(StudyManifests.Small), Draw(StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal)));
    }

    [Fact]
    public void DrawsOfANarrowRangeAreAllDifferentAtAResolutionOfTheRange()
    {
        // Seed 2's first two draws are 0.553 and 0.557 of the range: 3.0106 and 3.0113. Rounded to 4 significant
        // digits of the value both were 3.011, and the study ran that variant twice.
        string narrow = StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 2", StringComparison.Ordinal)
            .Replace("\"min\": 2, \"max\": 5", "\"min\": 2.9, \"max\": 3.1", StringComparison.Ordinal)
            .Replace("\"draws\": 2", "\"draws\": 8", StringComparison.Ordinal);
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(StudyLoader.Parse(narrow, "."));

        double[] draws = variants.Take(8).Select(v => v.Scenario.Pack.Overrides["tauS"]).ToArray();
        Assert.Equal(8, draws.Distinct().Count());
        Assert.All(draws, d => Assert.InRange(d, 2.9, 3.1));

        // A width of 0.2 is drawn by 0.0001: four digits of the width, at most four decimals.
        Assert.All(draws, d => Assert.True(StudyPlan.Text(JsonValue.Create(d)).Split('.').Last().Length <= 4, d + " has more than four decimals"));
        Assert.Contains(draws, d => StudyPlan.Text(JsonValue.Create(d)).Split('.').Last().Length == 4);
    }

    [Fact]
    public void RandomAxesTooNarrowForTheDrawsAreRefused()
    {
        // A log axis keeps 4 significant digits of the value: between 1 and 1.001 there are two.
        string tooNarrow = StudyManifests.Small
            .Replace("\"min\": 2, \"max\": 5", "\"min\": 1, \"max\": 1.001, \"scale\": \"log\"", StringComparison.Ordinal)
            .Replace("\"draws\": 2", "\"draws\": 3", StringComparison.Ordinal);

        StudyException e = Assert.Throws<StudyException>(() => StudyPlan.Expand(StudyLoader.Parse(tooNarrow, ".")));

        Assert.Contains("draws: the random axes give fewer than 3 different draws", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardsPartitionTheVariants()
    {
        int[] owners = new int[100];
        for (int shard = 1; shard <= 7; shard++)
        {
            for (int i = 0; i < owners.Length; i++)
            {
                owners[i] += StudyPlan.InShard(i, shard, 7) ? 1 : 0;
            }
        }

        Assert.All(owners, n => Assert.Equal(1, n));
    }

    [Fact]
    public void LogRangeIsGeometric()
    {
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small.Replace("\"values\": [0.5, 1]", "\"range\": { \"from\": 0.1, \"to\": 10, \"count\": 3, \"scale\": \"log\" }", StringComparison.Ordinal), ".");

        Assert.Equal(new[] { "0.1", "1", "10" }, spec.Axes[0].Values.Select(StudyPlan.Text).ToArray());
    }

    [Theory]
    [InlineData("\"values\": [0.5, 1]", "\"values\": [0.5, 0.5]", "axes[0].values[1]: 0.5 is given twice")]
    [InlineData("\"values\": [0.5, 1]", "\"values\": []", "axes[0].values: needs at least one value")]
    [InlineData("\"name\": \"pulseS\"", "\"name\": \"pulse S\"", "must be letters, digits and _")]
    [InlineData("\"draws\": 2", "\"draws\": 0", "draws: random axes need")]
    [InlineData("\"min\": 2, \"max\": 5", "\"min\": 5, \"max\": 2", "max: must be above min")]
    [InlineData("\"step\": 0.5", "\"step\": 0.5, \"count\": 3", "give exactly one of step and count")]
    [InlineData("\"seed\": 3", "\"seed\": 3, \"seed\": 4", "seed: is given twice")]
    [InlineData("\"step\": 0.5", "\"step\": 0.3", "step: 0.3 does not reach to = 1.5 from 0.5 (the last value would be 1.4); give a step that divides the span, or count")]
    [InlineData("\"step\": 0.5", "\"count\": 1", "count: 1 gives from alone and leaves out to")]
    [InlineData("\"field\": \"pack.overrides.tauS\"", "\"field\": \"pack..tauS\"", "is not a scenario field path")]
    // A misspelt key is named as unknown (README: unknown fields are rejected as in scenarios), not reported as the
    // key it should have been missing: "valuse" read as "give exactly one of values, range and random", "cuont" as
    // "give exactly one of step and count", "mx" as "max: is required".
    [InlineData("\"values\": [0.5, 1]", "\"valuse\": [0.5, 1]", "axes[0].valuse: unknown field (valid: name, field, values, range, random)")]
    [InlineData("\"step\": 0.5", "\"cuont\": 3", "axes[1].range.cuont: unknown field (valid: from, to, step, count, scale)")]
    [InlineData("\"max\": 5", "\"mx\": 5", "axes[2].random.mx: unknown field (valid: min, max, scale)")]
    [InlineData("\"draws\": 2", "\"draw\": 2", "draw: unknown field (valid: name, seed, base, axes, draws, variants, boards, provenance, presets, scenarioSeeds)")]
    public void BadManifestsAreRejectedWithTheFieldNamed(string find, string replace, string expected)
    {
        Exception e = Assert.ThrowsAny<Exception>(() => StudyLoader.Parse(StudyManifests.Small.Replace(find, replace, StringComparison.Ordinal), "."));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAxisAtTheLimitOfValuesIsCheckedForRepeatsInSeconds()
    {
        // 100,000 values is the documented limit. Compared pair by pair that is 5 x 10^9 comparisons, each formatting
        // two numbers: hours before anything ran. A hash of each value's text checks them in well under a second.
        string values = string.Join(", ", Enumerable.Range(1, StudyLoader.MaximumVariants).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string listed = StudyManifests.Small.Replace("\"values\": [0.5, 1]", "\"values\": [" + values + "]", StringComparison.Ordinal);
        string ranged = StudyManifests.Small.Replace("\"values\": [0.5, 1]", "\"range\": { \"from\": 1, \"to\": 100000, \"count\": 100000 }", StringComparison.Ordinal);
        string repeated = StudyManifests.Small.Replace("\"values\": [0.5, 1]", "\"values\": [" + values + ", 7]", StringComparison.Ordinal);

        // Past 30 s each wait ends in a TimeoutException: the check is still comparing.
        StudySpec[] parsed = await Task.Run(() => new[] { StudyLoader.Parse(listed, "."), StudyLoader.Parse(ranged, ".") }).WaitAsync(TimeSpan.FromSeconds(30));
        Exception refused = await Task.Run(() => Assert.ThrowsAny<Exception>(() => StudyLoader.Parse(repeated, "."))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StudyLoader.MaximumVariants, parsed[0].Axes[0].Values.Count);
        Assert.Equal("100000", StudyPlan.Text(parsed[1].Axes[0].Values[^1]));
        Assert.Contains("axes[0].values[100000]: 7 is given twice", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AxisThatChangesNothingIsRejected()
    {
        StudyException e = Assert.Throws<StudyException>(() => StudyLoader.Parse(StudyManifests.Small.Replace("{pulseS}", "1", StringComparison.Ordinal), "."));

        Assert.Contains("axis 'pulseS' has no field and the base scenario has no {pulseS} placeholder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProductOfAxesPastTheLongRangeIsRefusedWithItsCount()
    {
        // Four axes of 2^16 values: 2^64 = 18,446,744,073,709,551,616 variants, one more than a ulong holds; a long
        // product wrapped to 0 and the study was refused for another reason (an axis that changes nothing).
        string huge = """
            { "name": "huge", "seed": 1,
              "base": { "name": "huge", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 60,
                "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                "protocol": { "steps": [ "Strip at {currentMAPerCm2} mA/cm2 for {pulseS} s", "Rest for 2 s" ], "rest": "fixed" },
                "controller": { "mode": "observe" } },
              "axes": [
                { "name": "pulseS", "range": { "from": 0.5, "to": 1, "count": 65536 } },
                { "name": "currentMAPerCm2", "range": { "from": 0.5, "to": 1.5, "count": 65536 } },
                { "name": "tauS", "field": "pack.overrides.tauS", "range": { "from": 2, "to": 5, "count": 65536 } },
                { "name": "cutoffV", "field": "protocol.cutoffV", "range": { "from": 2.8, "to": 3, "count": 65536 } } ] }
            """;

        StudySpec spec = StudyLoader.Parse(huge, ".");

        StudyException e = Assert.Throws<StudyException>(() => StudyPlan.Expand(spec));

        Assert.Equal("axes: the study makes 18446744073709551616 variants, more than 100000", e.Message);
    }

    [Fact]
    public void VariantThatIsNoValidScenarioIsNamedBeforeAnythingRuns()
    {
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small.Replace("\"from\": 0.5, \"to\": 1.5", "\"from\": 0.5, \"to\": 100", StringComparison.Ordinal), ".");

        StudyException e = Assert.Throws<StudyException>(() => StudyPlan.Expand(spec));

        Assert.Contains("is not a valid scenario: protocol.steps", e.Message, StringComparison.Ordinal);
        Assert.Contains("currentMAPerCm2 = ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParetoFrontKeepsTheUndominated()
    {
        StudyRow Row(int i, double capacity, double duty) => new StudyRow { Index = i, Variant = "v" + i, CapacityMAhPerCm2 = capacity, DutyCycle = duty };
        StudyRow[] rows = { Row(0, 10, 0.2), Row(1, 14, 0.1), Row(2, 9, 0.15), Row(3, 2, 0.5), Row(4, 10, 0.2) };

        // Row 2 is beaten by row 0 on both; rows 0 and 4 tie and both stay.
        Assert.Equal(new[] { 1, 0, 4, 3 }, ParetoFront.Of(rows).ToArray());
    }

    [Fact]
    public void DutyCyclesThatDifferOnlyInTheirSixthDecimalAreTheSameDuty()
    {
        // The example study's 0.5 s / 1 s (13.93 at 0.333335) against 0.25 s / 0.5 s (15.94 at 0.333334), and 1 s / 1 s
        // (2.93 at 0.500021) against 0.5 s / 0.5 s (7.61 at 0.500004): the smaller capacity at the same duty is dominated.
        StudyRow Row(int i, double capacity, double duty) => new StudyRow { Index = i, Variant = "v" + i, CapacityMAhPerCm2 = capacity, DutyCycle = duty };
        StudyRow[] rows = { Row(0, 15.94, 0.333334), Row(1, 13.93, 0.333335), Row(2, 7.61, 0.500004), Row(3, 2.93, 0.500021), Row(4, 7.0, 0.502) };

        // Row 4's duty is 0.002 above row 2's: more duty, so it stays.
        Assert.Equal(new[] { 0, 2, 4 }, ParetoFront.Of(rows).ToArray());
    }
}
