// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Times written h:mm:ss(.fff), as Neware exports them ("Relative Time(h:min:s.ms)", "Total Time"): read as hours,
/// minutes and seconds, the hours going on past a day; a value that is neither that nor a number is refused with its line.
/// </summary>
public sealed class ClockTimeTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void AColumnNamedInHoursMinutesSecondsIsReadSoWithoutAUnitOption()
    {
        string file = _scratch.Write("neware.csv", "Record Index,Relative Time(h:min:s.ms),Voltage(V),Current(mA)\n"
            + "1,0:00:00.000,0.200,0.385\n2,0:00:00.500,0.210,0.385\n3,1:01:01.250,0.220,0\n4,25:00:00,0.003,0\n5,100:00:00.1,0.002,0\n");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Relative Time", VoltageColumn = "Voltage", CurrentColumn = "Current" }, 1);

        // 1 h 1 min 1.25 s = 3661.25 s; 25 h = 90,000 s (a day is no wrap); 100 h 0.1 s = 360,000.1 s.
        Assert.Equal(new[] { 0, 0.5, 3661.25, 90000, 360000.1 }, recording.TimeS);
        Assert.Equal("h:mm:ss", recording.TimeReading!.Unit);
        Assert.Equal(ColumnUnitSource.Name, recording.TimeReading.Source);
    }

    [Fact]
    public void AClockTimeIsReadSoInAColumnWithoutAUnitAndWithDecimalCommas()
    {
        string file = _scratch.Write("semicolons.csv", "Total Time;Voltage(V);Current(mA)\n00:00:00,000;0,200;0,385\n00:00:00,020;0,210;0,385\n00:01:00,040;0,220;0\n");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Total Time", VoltageColumn = "Voltage", CurrentColumn = "Current" }, 1);

        Assert.Equal(new[] { 0, 0.02, 60.04 }, recording.TimeS);
    }

    [Theory]
    [InlineData("0:61:00", "line 3: '0:61:00' in column 'Total Time' is neither a number nor a time h:mm:ss(.fff) (minutes and seconds under 60)")]
    [InlineData("0:00:60.5", "line 3: '0:00:60.5' in column 'Total Time' is neither a number nor a time h:mm:ss(.fff) (minutes and seconds under 60)")]
    [InlineData("1-00:00:00", "line 3: '1-00:00:00' in column 'Total Time' is neither a number nor a time h:mm:ss(.fff)")]
    public void AValueThatIsNeitherIsRefusedWithItsLine(string value, string problem)
    {
        string file = _scratch.Write("bad.csv", "Total Time,Voltage(V),Current(mA)\n0:00:00,0.2,0.385\n" + value + ",0.2,0.385\n");

        LabFileException refused = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Total Time", VoltageColumn = "Voltage", CurrentColumn = "Current" }, 1));

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ms", "--time-unit ms, but column 'Relative Time(h:min:s.ms)' says h:min:s.ms; leave --time-unit out")]
    [InlineData("h:min:s.ms", "time unit 'h:min:s.ms' is not one of s, ms, min, h; a time written h:mm:ss(.fff) is read as such in any time column without it")]
    public void ATimeUnitOptionAgainstAClockColumnIsRefusedNamingWhatAgrees(string unit, string problem)
    {
        // The name's h:mm:ss form is no unit --time-unit takes (the help and the README list s, ms, min and h): the
        // refusal must not ask for it, and the option given it is refused as any other unit it does not list.
        string file = _scratch.Write("neware-unit.csv", "Record Index,Relative Time(h:min:s.ms),Voltage(V),Current(mA)\n1,0:00:00.000,0.200,0.385\n2,0:00:00.500,0.210,0.385\n");

        LabFileException refused = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Relative Time", VoltageColumn = "Voltage", CurrentColumn = "Current", TimeUnitName = unit }, 1));

        Assert.EndsWith(problem, refused.Message, StringComparison.Ordinal);
    }
}
