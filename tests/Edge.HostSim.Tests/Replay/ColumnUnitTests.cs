// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>The unit a column's name states is the one its values are read in, however the name writes micro.</summary>
public sealed class ColumnUnitTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("I/\u03bcA")]   // Greek small mu
    [InlineData("I/\u00b5A")]   // micro sign
    [InlineData("I (\u03bcA)")]
    public void MicroampsStatedWithAnyMuAreReadAsMicroamps(string currentColumn)
    {
        // 385 uA is 0.385 mA; read in the default mA it was 385 mA, a thousand times the current that flowed.
        string file = _scratch.Write("ua.csv", "time/s,E/V," + currentColumn + "\n0,0,0\n0.01,0.2,385\n0.02,0.2,385\n");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "time/s", VoltageColumn = "E/V", CurrentColumn = currentColumn }, 1);

        Assert.Equal(0.385, recording.ModuleCurrentMA[0][1], 9);
    }

    [Fact]
    public void AWindowsExportsMicroSignIsReadAsMicroampsNotMilliamps()
    {
        // A Windows-1252 export: its micro sign (0xB5) is no UTF-8. Decoded as UTF-8 the name read "I/\uFFFDA", a unit
        // replay does not know, and was refused; the file is read as Latin-1, so "I/µA" states its unit: 385 uA is 0.385 mA.
        string file = _scratch.Path2("ansi.csv");
        File.WriteAllBytes(file, Encoding.Latin1.GetBytes("time/s,E/V,I/\u00b5A\n0,0,0\n0.01,0.2,385\n0.02,0.2,385\n"));

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "time", VoltageColumn = "E", CurrentColumn = "I" }, 1);

        Assert.Equal("I/\u00b5A", recording.CurrentReading!.Column);
        Assert.Equal(0.385, recording.ModuleCurrentMA[0][1], 9);
    }

    [Theory]
    [InlineData("E/V vs Li/Li+", "0.2")]
    [InlineData("Ewe/V vs. Li/Li+", "0.2")]
    [InlineData("Ewe/V vs. SCE", "0.2")]
    [InlineData("E (mV vs Li/Li+)", "200")]
    [InlineData("E [V vs. Ag/AgCl]", "0.2")]
    [InlineData("E/V vs Ag/AgCl (sat. KCl)", "0.2")]
    [InlineData("E (mV vs Ag/AgCl (3 M KCl))", "200")]
    [InlineData("Ewe/V vs. Hg/HgO [1 M NaOH]", "0.2")]
    public void APotentialAgainstAReferenceElectrodeIsReadInTheUnitBeforeIt(string voltageColumn, string reading)
    {
        // BioLogic and spreadsheets name the reference after the unit; its own slash ("Li/Li+") is no unit. 0.2 V is
        // 200 mV either way the column writes it.
        string file = _scratch.Write("ref.csv", "time/s," + voltageColumn + ",I/mA\n0,0,0\n0.01," + reading + ",0.385\n0.02," + reading + ",0.385\n");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "time/s", VoltageColumn = voltageColumn, CurrentColumn = "I/mA" }, 1);

        Assert.Equal(0.2, recording.CellVoltageV[0][1], 9);
    }

    [Theory]
    [InlineData(';', "time_ms;U_mV;I_uA", "20;200;385", "time_ms", "U_mV", "I_uA")]
    [InlineData(',', "Time_s,Voltage_V,Current_mA", "0.02,0.2,0.385", "Time", "Voltage", "Current")]
    [InlineData(',', "t_min,E_V,I_A", "0.000333333333333,0.2,0.000385", "t", "E", "I")]
    public void AUnitAfterAnUnderscoreIsTheColumnsUnit(char delimiter, string header, string row, string time, string voltage, string current)
    {
        // The same sample, 20 ms in, 0.2 V at 0.385 mA, in each header's units. Without unit options such a table was read
        // in s, V and mA, the defaults, and refused (its steps in ms read as s, or 385 read as mA): the name says its unit.
        string zero = string.Join(delimiter, "0", "0", "0");
        string file = _scratch.Write("underscore.csv", header + "\n" + zero + "\n" + row + "\n" + row.Replace("0.02", "0.03", StringComparison.Ordinal) + "\n");

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = time, VoltageColumn = voltage, CurrentColumn = current }, 1);

        Assert.Equal(0.02, recording.TimeS[1], 9);
        Assert.Equal(0.2, recording.CellVoltageV[0][1], 9);
        Assert.Equal(0.385, recording.ModuleCurrentMA[0][1], 9);
        Assert.Equal(ColumnUnitSource.Name, recording.CurrentReading!.Source);
    }

    [Theory]
    [InlineData("cell_1")]
    [InlineData("cell_a")]
    [InlineData("Step_Index")]
    [InlineData("I_MA")]
    [InlineData("time_")]
    public void AnUnderscoreBeforeNoUnitReplayReadsLeavesTheNameAName(string name)
    {
        // An underscore also joins words and numbers: only a unit replay reads, in its own spelling, follows one as a unit.
        Assert.Null(ColumnUnit.Of(name));
    }

    [Fact]
    public void AnUnderscoreUnitAndAUnitOptionThatContradictsItAreRefusedNamingBoth()
    {
        // The header's own word is not read against: as for "time/s" or "Current(A)".
        string file = _scratch.Write("ms.csv", "time_ms;U_mV;I_uA\n0;0;0\n20;200;385\n40;200;385\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec { TimeColumn = "time_ms", VoltageColumn = "U_mV", CurrentColumn = "I_uA", TimeUnitName = "s" }, 1));

        Assert.Contains("--time-unit s, but column 'time_ms' says ms", e.Message, StringComparison.Ordinal);
    }
}
