// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// run's `events:` line counts every event of the run, and says how many events.jsonl keeps when the run wrote more
/// than the 100,000 it keeps, as report.html does ("100000 kept, 2 more counted only"). It gave the kept count alone:
/// `events: 100000` for a run of 100,002 events, whose summary.json said eventsDropped 2.
/// </summary>
public sealed class RunEventCountLineTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // Plating at 0.7 mA/cm2 against the controller's 0.4 mA/cm2 cap: every plate pulse starts with a currentCapped
    // event. Pulses of 10 ms with 10 ms rests start at 0, 0.02, ..., 2000 s: 100,001 of them, and one started event,
    // 100,002 events by hand; 0.11 mAh/cm2 plated at 0.4 mA/cm2 is far below [W]'s 4 mAh/cm2 without a short.
    private const string ManyEvents = """
        { "name": "many-events", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2000,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Plate at 0.7 mA/cm2 for 0.01 s", "Rest for 0.01 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    [Fact]
    public void A_run_past_the_kept_events_counts_them_all_and_says_how_many_were_kept()
    {
        string scenario = _scratch.Write("many.json", ManyEvents);
        string outDir = _scratch.Path2("run");
        StringWriter stdout = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("\nevents: 100002 (100000 kept in events.jsonl, 2 more counted only)\n", stdout.ToString().Replace("\r\n", "\n"), StringComparison.Ordinal);
        Assert.Equal(100000, File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Length);
    }

    [Fact]
    public void A_run_within_the_kept_events_prints_the_count_alone()
    {
        string scenario = _scratch.Write("short.json", CliScratch.ShortScenario);
        string outDir = _scratch.Path2("run");
        StringWriter stdout = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, stdout, new StringWriter());

        Assert.Equal(0, code);
        int kept = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Length;
        Assert.Contains("\nevents: " + kept + "\n", stdout.ToString().Replace("\r\n", "\n"), StringComparison.Ordinal);
    }
}
