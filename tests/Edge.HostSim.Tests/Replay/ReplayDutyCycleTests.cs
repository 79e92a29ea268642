// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A replay's summary measures duty and capacity on one current, the recorded one (README: duty = current-on time /
/// (on + rest)). The duty came from the core's switch, which follows the protocol the replay runs, and the capacity
/// from the recording: the first 1.5 s of a 1 s / 2 s recording, inferred as a continuous current, read duty 1 with
/// the charge of 1 s. A rest the end of the file cuts off is a rest of unknown length, not "no rest".
/// </summary>
public sealed class ReplayDutyCycleTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ARecordingCutInItsFirstRestReadsTheDutyOfItsRecordedCurrent()
    {
        string file = FirstPulse();
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement module = summary.RootElement.GetProperty("modules")[0];

        // 1 s on in 1.48 s: 0.68 (the ticks' edges may move either end by a tick or two of 10 ms). It read 1.
        Assert.InRange(module.GetProperty("dutyCycle").GetDouble(), 0.66, 0.69);

        // The capacity is the charge of that 1 s: 0.385 mA x 1 s / 3600 over 0.3848 cm2 = 2.78e-4 mAh/cm2.
        Assert.Equal(0.385 / 3600 / 0.3848, module.GetProperty("capacityMAhPerCm2").GetDouble(), 0.02 * 0.385 / 3600 / 0.3848);

        // The protocol has a rest that outlasts the recording, and the core's switch follows the recorded current.
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        string[] steps = source.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToArray();
        Assert.Equal(2, steps.Length);
        Assert.StartsWith("Rest for ", steps[1], StringComparison.Ordinal);
        Assert.Equal(0, source.RootElement.GetProperty("misalignedTicks").GetInt64());
        Assert.Contains("the rest's length is unknown", replay.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AScenarioWhoseProtocolPartsFromTheRecordingEndsTheReplayThereWithTheRecordingsDuty()
    {
        // A continuous current at 1 mA/cm2 (0.385 mA on the default area): the core's switch stays closed through the
        // recorded rest. The replay fed on, latched an implausible current reading at the third tick without current
        // (1.03 s), a fault of the schedule, not the cell, and read a duty of 1.00 s in 1.03 s. It now ends before the
        // first tick where the switch and the recorded current part, 1.01 s (a tick's current is the one over the
        // interval ending there: up to 1.00 s the sample at 0.98 s, under current): the ticks fed, 0 to 1.00 s, carried
        // current over every interval (the first tick's, with nothing before it, counts as neither), a duty of 1.
        string scenario = _scratch.Write("continuous.json", """
            { "name": "continuous", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 100,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2" ] },
              "controller": { "mode": "observe" } }
            """);
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", FirstPulse(), "--scenario", scenario, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(1.0, summary.RootElement.GetProperty("modules")[0].GetProperty("dutyCycle").GetDouble(), 0.005);
        Assert.Equal("departedFromRecording", summary.RootElement.GetProperty("terminatedBy").GetString());
        Assert.Equal(1.00, summary.RootElement.GetProperty("replayedS").GetDouble(), 1e-9);
        Assert.Contains("misaligned: at 1.01 s the core's switch and the recorded current part (module 0: the switch closed for a pulse, no current recorded); the replay ends there", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"severity\":\"fault\"", File.ReadAllText(Path.Combine(outDir, "events.jsonl")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The shipped recording (simulated: 1 s at 0.385 mA, 2 s at 0 A, a sample every 20 ms, from a pulse at t = 0) up to
    /// t = 1.48 s: one pulse of 1 s (samples 0 to 0.98 s) and 0.48 s at 0 A.
    /// </summary>
    private string FirstPulse()
    {
        string[] lines = File.ReadAllLines(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt"));
        int header = int.Parse(lines[1].Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        IEnumerable<string> rows = lines.Skip(header).Where(l => double.Parse(l.Split('\t')[0], CultureInfo.InvariantCulture) < 1.49);
        return _scratch.Write("first-pulse.mpt", string.Join("\n", lines.Take(header).Concat(rows)) + "\n");
    }
}
