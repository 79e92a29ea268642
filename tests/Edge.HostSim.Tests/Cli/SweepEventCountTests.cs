// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// sweep.csv's and the sweep report's `events` is the count of every event the variant's run wrote, as `run` counts it
/// (summary.json's events and eventsDropped) and study.csv's `events` does. A sweep keeps only the first 1000 events of
/// a variant in memory, and the column gave that kept count: 1000 for a run of 1202 events.
/// </summary>
public sealed class SweepEventCountTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // Plating at 0.7 mA/cm2 against the controller's 0.4 mA/cm2 cap: every plate pulse starts with one currentCapped
    // event. Pulses start every 0.2 s (0.1 s plate, 0.1 s rest, 10 ms samples) at 0, 0.2, ..., 240 s: 1201 of them, and
    // one started event, so 1202 events by hand. 0.4 mA/cm2 plates far less than the 4 mAh/cm2 [W] plated on a fresh
    // interface without a short, so no other event comes.
    private const string CappedPlating = """
        { "name": "capped-plating", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 240,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Plate at 0.7 mA/cm2 for 0.1 s", "Rest for 0.1 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    private const int EventsByHand = 1 + 1201;

    [Fact]
    public void A_variant_with_more_than_a_thousand_events_counts_them_all_in_sweep_csv_and_the_report()
    {
        string scenario = _scratch.Write("capped.json", CappedPlating);
        string outDir = _scratch.Path2("sweep");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0.1", "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.True(code == 0, stderr.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal("restS,capacityMAhPerCm2,dutyCycle,stopReason,holdDiagnosis,simulatedS,wallS,events,capacityIsLowerBound", lines[0]);
        string[] row = lines[1].Split(',');
        Assert.Equal("0.1", row[0]);
        Assert.Equal(EventsByHand.ToString(System.Globalization.CultureInfo.InvariantCulture), row[7]);

        // The report's variant table ends each row with the same count.
        Assert.Contains("\"" + EventsByHand + "\"]]", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_of_the_same_scenario_counts_the_same_events()
    {
        string scenario = _scratch.Write("capped.json", CappedPlating);
        string outDir = _scratch.Path2("run");

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal(EventsByHand, File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Length);
    }
}
