// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// The core times its protocol in whole ticks, so a tick must divide the recording's pulse and period. At 7 ms the 1 s
/// pulses and 2 s rests of a healthy recording became 1001 and 2002 ms; the core's switch parted from the recorded
/// current at the first pulse's end and held the cell for overcurrent at 3.01 s, and the replay advised --scenario,
/// whose protocol rounds the same at 7 ms.
/// </summary>
public sealed class ReplayTickFitTests : IDisposable
{
    // A healthy NaK50 cell, 1 s pulses at 1 mA/cm2 and 2 s rests from t = 0, for 30 s.
    private const string Healthy = """
        { "name": "healthy", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 } }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ATickThatDividesNeitherThePulseNorThePeriodIsRefusedWithTicksThatDo()
    {
        string file = WriteHealthyRecording();

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", _scratch.Path2("out"), "--sample-period-ms", "7");

        // 1000 and 3000 ms: their common divisors nearest 7 ms are 5 and 8 ms.
        CliArgumentTests.AssertRejected(replay, "--sample-period-ms 7: the recording's pulses last 1000 ms and repeat every 3000 ms",
            "give a tick that divides both, such as 5 or 8 ms");
        Assert.DoesNotContain("give the protocol with --scenario", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void ATickThatDividesThemReplaysTheRecordingsOwnProtocol()
    {
        string file = WriteHealthyRecording();
        string outDir = _scratch.Path2("at-5-ms");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", outDir, "--sample-period-ms", "5", "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("misaligned:", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("held since", replay.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AScenariosTickThatDividesNeitherIsRefusedAsTheOptionsIs()
    {
        // The recording's own scenario at 7 ms: its protocol rounds to 1001 and 2002 ms as the inferred one did, and the
        // replay ran with its switch parted from the recorded current. The tick to change is the scenario's field.
        string file = WriteHealthyRecording();
        string scenario = _scratch.Write("at-7-ms.json", Healthy.Replace("\"samplePeriodMs\": 10", "\"samplePeriodMs\": 7", StringComparison.Ordinal));

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", _scratch.Path2("out"), "--scenario", scenario);

        CliArgumentTests.AssertRejected(replay, "samplePeriodMs 7 (the --scenario file's): the recording's pulses last 1000 ms and repeat every 3000 ms, which 7 ms ticks do not divide",
            "give a tick that divides both, such as 5 or 8 ms");
        Assert.DoesNotContain("--sample-period-ms", replay.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("a --scenario at that tick", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    /// <summary>The healthy run logged every 10 ms as an EC-Lab file in the scratch folder.</summary>
    private string WriteHealthyRecording()
    {
        using RecordedRun run = new RecordedRun(Healthy);
        string file = _scratch.Path2("healthy.mpt");
        File.Copy(run.WriteBioLogic("healthy.mpt", run.Rows, false), file);
        return file;
    }
}
