// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A recording whose pulse current changes (a rate or critical-current test: steps of rising current), through the real
/// CLI. Without --scenario the core follows one pulse current, the median, and holds a reading more than 20 uA + 25 % from
/// its setpoint for implausible (PlausibilityConfiguration's defaults): such a recording was replayed, exit 0, with a
/// current reading fault latched 30 ms in, a fault the cell never had. It is refused naming the currents; pulses within
/// the tolerance replay without an event.
/// </summary>
public sealed class ReplayPulseCurrentStepTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void RisingPulseCurrentIsRefusedNamingTheCurrents()
    {
        // Ten pulses each at 0.5, 1 and 2 mA/cm2: 0.192, 0.385 and 0.770 mA; the median, 0.385 mA (385 uA), allows
        // 20 + 96 uA, so the 0.5 mA/cm2 pulses (193 uA short) and the 2 mA/cm2 ones (385 uA over) are beyond it. The first
        // pulse starts at 1 s.
        string file = _scratch.Write("rate.csv", Table(new[] { 0.5, 1.0, 2.0 }, 10));

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "rate.csv: its pulses' currents differ, 0.192 to 0.77 mA (medians of 30 pulses)",
            "the first such pulse at t = 1 s of the recording, 0.192 mA");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void PulseCurrentsWithinTheCoresToleranceAreReplayed()
    {
        // 0.9 and 1.1 mA/cm2 by turns: 0.346 and 0.423 mA, each within 20 uA + 25 % of the other. The cell's voltage
        // follows its current (0.18 and 0.22 V), which the depletion trend may read; no current reading is implausible.
        string file = _scratch.Write("spread.csv", Table(new[] { 0.9, 1.1, 0.9, 1.1, 0.9, 1.1 }, 1));

        using EdgeSimProcess replay = Replay(file);

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.DoesNotContain("channelFault", File.ReadAllText(Path.Combine(_scratch.Path2("out"), "events.jsonl")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The symmetric cell's table: for each density (mA/cm2), <paramref name="pulses"/> cycles of a 1 s rest, a 1 s
    /// stripping pulse and a 1 s rest.
    /// </summary>
    private static string Table(double[] densitiesMAPerCm2, int pulses) =>
        SymmetricCellTable.Of(densitiesMAPerCm2.SelectMany(density => SymmetricCellTable.Repeated(new[] { (0.0, 1.0), (density, 1.0), (0.0, 1.0) }, pulses)));

    private EdgeSimProcess Replay(string file) => SymmetricCellTable.Replay(_scratch, file);
}
