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
}
