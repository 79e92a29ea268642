// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A generic table's column read in the wrong unit is refused in the recording's terms: the pulse current or the step
/// lengths read, the column and the unit it was read in, and the unit option that reads it otherwise. Amperes read as
/// milliamperes were refused as "protocol.steps[0]: current '0' is not a positive number; give one with --scenario",
/// a field the user never wrote and an option that cannot change a unit; seconds read as milliseconds replayed 1 s
/// pulses as 10 ms ones, exit 0.
/// </summary>
public sealed class ReplayUnitMistakeTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public ReplayUnitMistakeTests(RecordedRun run)
    {
        _run = run;
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void AmperesReadInTheDefaultMilliampsAreRefusedNamingTheCurrentUnitOption()
    {
        // The run's 385 uA pulses written in A (0.000385) under a name that states no unit: read in mA, 0.385 uA.
        string file = _scratch.Write("amperes.csv", Table(r => r.CurrentMA / 1000, "0.000000000"));

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "amperes.csv: the pulses' current reads 0.385 uA (median), which the core, counting whole uA, takes for 0",
            "column 'current' read in mA, the default: the column's unit may be wrong; if it is in A, give --current-unit A");
        AssertNothingElseSuggested(replay);
    }

    [Fact]
    public void MilliampsReadAsMicroampsAreRefusedNamingTheCurrentUnitOption()
    {
        string file = _scratch.Write("milliamps.csv", Table(r => r.CurrentMA, "0.000000"));

        using EdgeSimProcess replay = Replay(file, "--current-unit", "uA");

        CliArgumentTests.AssertRejected(replay, "the pulses' current reads 0.385 uA (median)",
            "column 'current' read in uA, as --current-unit gives: the column's unit may be wrong; if it is in mA, give --current-unit mA");
        AssertNothingElseSuggested(replay);
    }

    [Fact]
    public void MilliampsReadAsAmperesAreRefusedAsBeyondTheElectrodesSafetyEnvelope()
    {
        // 0.385 mA read in A is 385 mA, 1000 mA/cm2 on the default 0.3848 cm2 electrode: far past any pulse it takes.
        string file = _scratch.Write("milliamps.csv", Table(r => r.CurrentMA, "0.000000"));

        using EdgeSimProcess replay = Replay(file, "--current-unit", "A");

        CliArgumentTests.AssertRejected(replay, "the pulses' current reads 385 mA (median), above the",
            "column 'current' read in A, as --current-unit gives: the column's unit may be wrong; if it is in mA, give --current-unit mA");
        Assert.Contains("mA the safety envelope allows an electrode of 0.3848 cm2", replay.Stderr, StringComparison.Ordinal);
        Assert.Contains("if the electrode is larger, give its --area", replay.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--scenario", replay.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondsReadAsMillisecondsAreRefusedNamingTheTimeUnitOptionAndTheLengthsRead()
    {
        // The run's 1 s pulses and 2 s rests, logged every 10 ms, read in ms: 1 ms pulses and 2 ms rests, a sample every
        // 0.01 ms, all shorter than a 10 ms tick. Rounded up to a tick they were replayed as 10 ms pulses.
        string file = _scratch.Write("seconds.csv", Table(r => r.CurrentMA, "0.000000"));

        using EdgeSimProcess replay = Replay(file, "--time-unit", "ms");

        CliArgumentTests.AssertRejected(replay, "seconds.csv: its pulses last 1 ms and its rests 2 ms (medians; a sample every 0.01 ms), both shorter than the 10 ms tick",
            "column 'time' read in ms, as --time-unit gives: the column's unit may be wrong; if it is in s, give --time-unit s");
        AssertNothingElseSuggested(replay);
    }

    [Fact]
    public void MilliampsReadAsAmperesAreRefusedWithAScenarioAsWithout()
    {
        // The same 385 mA against the recording's own scenario: its envelope is the controller's default module maximum,
        // 5 mA/cm2 x 0.385 cm2 = 1.925 mA (ProtectionConfiguration). It was replayed, and the core held the cell for an
        // overcurrent the recording never had.
        string file = _scratch.Write("milliamps.csv", Table(r => r.CurrentMA, "0.000000"));

        using EdgeSimProcess replay = Replay(file, "--current-unit", "A", "--scenario", Scenario());

        CliArgumentTests.AssertRejected(replay, "milliamps.csv: the pulses' current reads 385 mA (median), above the 1.925 mA the safety envelope allows an electrode of 0.3848 cm2",
            "column 'current' read in A, as --current-unit gives: the column's unit may be wrong; if it is in mA, give --current-unit mA");
        Assert.Contains("if the electrode is larger, give its area as the --scenario file's pack.areaCm2", replay.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--area", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SecondsReadAsMinutesAreRefusedNamingTheTimeUnitOptionAndTheLengthsRead(bool withScenario)
    {
        // The run's 1 s pulses and 2 s rests, logged every 10 ms, read in min: 60 s pulses and 120 s rests, a sample every
        // 0.6 s, both past the 30 s a pulsed protocol's steps are taken to last. They were replayed so, 60 times slower.
        string file = _scratch.Write("seconds.csv", Table(r => r.CurrentMA, "0.000000"));

        using EdgeSimProcess replay = withScenario ? Replay(file, "--time-unit", "min", "--scenario", Scenario()) : Replay(file, "--time-unit", "min");

        CliArgumentTests.AssertRejected(replay, "seconds.csv: its pulses last 60 s and its rests 120 s (medians; a sample every 0.6 s), both longer than the 30 s a pulsed protocol's steps are taken to last",
            "column 'time' read in min, as --time-unit gives: the column's unit may be wrong; if it is in s, give --time-unit s");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
        Assert.DoesNotContain("protocol.steps", replay.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MillisecondsReadInTheDefaultSecondsAreRefusedNamingTheTimeUnitOption()
    {
        // The same table with its time in ms under a name that states no unit: read in s, 1000 s pulses and 2000 s rests.
        StringBuilder text = new StringBuilder("time,voltage,current\n");
        foreach (RecordedRun.Row r in _run.Rows)
        {
            text.Append((r.TimeS * 1000).ToString("0.0", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.VoltageV.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.CurrentMA.ToString("0.000000", CultureInfo.InvariantCulture)).Append('\n');
        }

        string file = _scratch.Write("milliseconds.csv", text.ToString());

        using EdgeSimProcess replay = Replay(file);

        CliArgumentTests.AssertRejected(replay, "milliseconds.csv: its pulses last 1000 s and its rests 2000 s (medians; a sample every 10 s)",
            "column 'time' read in s, the default: the column's unit may be wrong; if it is in ms, give --time-unit ms");
        AssertNothingElseSuggested(replay);
    }

    /// <summary>The run's rows as a comma-separated table whose column names state no unit: time (s), voltage (V), current as given.</summary>
    private string Table(Func<RecordedRun.Row, double> current, string currentFormat)
    {
        StringBuilder text = new StringBuilder("time,voltage,current\n");
        foreach (RecordedRun.Row r in _run.Rows)
        {
            text.Append(r.TimeS.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.VoltageV.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append(current(r).ToString(currentFormat, CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The recorded run's own scenario (one cell, 1 s / 2 s pulses at 1 mA/cm2 on 0.3848 cm2, 10 ms ticks) as a file.</summary>
    private string Scenario() => _scratch.Write("scenario.json", RecordedRun.Scenario);

    private EdgeSimProcess Replay(string file, params string[] units) =>
        EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", _scratch.Path2("out"), "--time-column", "time", "--voltage-column", "voltage", "--current-column", "current" }.Concat(units).ToArray());

    /// <summary>Nothing written, and neither a scenario field nor --scenario, which cannot change how a column is read.</summary>
    private void AssertNothingElseSuggested(EdgeSimProcess replay)
    {
        Assert.False(Directory.Exists(_scratch.Path2("out")));
        Assert.DoesNotContain("--scenario", replay.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("protocol.steps", replay.Stderr, StringComparison.Ordinal);
    }
}
