// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>A BioLogic text export is read by its header block, whichever of BioLogic's programs wrote it.</summary>
public sealed class BioLogicHeaderTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("EC-Lab ASCII FILE")]
    [InlineData("BT-Lab ASCII FILE")]
    public void TheHeaderBlockIsSkippedAndTheMeasuredColumnsRead(string firstLine)
    {
        // BT-Lab writes EC-Lab's format under its own first line: 6 header lines, the sixth naming the columns.
        string file = _scratch.Write("cell.mpt", firstLine + "\r\nNb header lines : 6\r\n\r\nChronopotentiometry\r\nAcquisition started on : 03/05/2024 10:00:00.000\r\n"
            + "mode\ttime/s\tcontrol/mA\tEwe/V\tI/mA\t\r\n"
            + "1\t0,0\t0,385\t0,0\t0,0\t\r\n1\t0,1\t0,385\t0,21\t0,385\t\r\n1\t0,2\t0,385\t0,22\t0,385\t\r\n");

        LabRecording recording = LabFileReader.Read(file, null, 1);

        Assert.Equal("biologic-mpt", recording.Format);
        Assert.Equal(new[] { 0, 0.1, 0.2 }, recording.TimeS);
        Assert.Equal(new[] { 0, 0.21, 0.22 }, recording.CellVoltageV[0]);
        Assert.Equal(new[] { 0, 0.385, 0.385 }, recording.ModuleCurrentMA[0]);
    }

    [Theory]
    [InlineData("I/\u00b5A", "385,0")]
    [InlineData("<I>/\u00b5A", "385,0")]
    [InlineData("I/uA", "385,0")]
    [InlineData("<I>/A", "3,85E-04")]
    [InlineData("I/mA", "0,385")]
    public void TheMeasuredCurrentIsReadInTheUnitItsNameStates(string column, string value)
    {
        // EC-Lab exports in the units its user chose; in Latin-1, as EC-Lab writes, with CRLF and its trailing tabs. The
        // setpoint column in front is in mA either way and is not read.
        string text = "EC-Lab ASCII FILE\r\nNb header lines : 5\r\n\r\nElectrode surface area : 0.385 cm\u00b2\r\n"
            + "mode\ttime/s\tcontrol/V/mA\tEwe/V\t" + column + "\tTemperature/\u00b0C\t\r\n"
            + "1\t0,0\t0,385\t0,20\t" + value + "\t25,0\t\r\n1\t0,1\t0,385\t0,21\t" + value + "\t25,0\t\r\n";
        string file = _scratch.Path2("units.mpt");
        File.WriteAllBytes(file, System.Text.Encoding.Latin1.GetBytes(text));

        LabRecording recording = LabFileReader.Read(file, null, 1);

        Assert.Equal(column, recording.CurrentReading!.Column);
        Assert.All(recording.ModuleCurrentMA[0], i => Assert.Equal(0.385, i, 12));
        Assert.Equal(new[] { 0.2, 0.21 }, recording.CellVoltageV[0]);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("2147483647")]
    [InlineData("99999999999")]
    public void AHeaderLengthBeyondTheFileIsRefusedWithTheFileAndTheLine(string headerLines)
    {
        // The file has 6 lines. A header length past its end, even one no 32-bit count holds (a corrupt or hand-edited
        // export), is bad input: the file and its header line are named, not a number parser's failure.
        string file = _scratch.Write("cell.mpt", "EC-Lab ASCII FILE\r\nNb header lines : " + headerLines + "\r\n\r\n"
            + "mode\ttime/s\tEwe/V\tI/mA\t\r\n1\t0.0\t0.0\t0.0\t\r\n1\t0.1\t0.21\t0.385\t\r\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 1));

        Assert.Equal(file + ": 'Nb header lines : " + headerLines + "' does not fit a file of 6 lines", e.Message);
    }
    [Theory]
    [InlineData("Ecell/V")]
    [InlineData("<Ewe>/V")]
    public void AFileWithoutEweIsReadByTheCellVoltageItHolds(string voltage)
    {
        // BT-Lab's battery cyclers write the cell's voltage as Ecell/V and no Ewe/V; techniques that average it write
        // <Ewe>/V. Either was refused for want of Ewe/V, with no word of the option that reads it.
        string file = _scratch.Write("cell.mpt", "BT-Lab ASCII FILE\r\nNb header lines : 4\r\n\r\n"
            + "mode\ttime/s\tcontrol/V/mA\t" + voltage + "\tI/mA\tcycle number\t\r\n"
            + "1\t0.0\t0.385\t0.002\t0.0\t0\t\r\n1\t0.1\t0.385\t0.21\t0.385\t0\t\r\n");

        LabRecording recording = LabFileReader.Read(file, null, 1);

        Assert.Equal(new[] { 0.002, 0.21 }, recording.CellVoltageV[0]);
        Assert.Equal(new[] { 0, 0.385 }, recording.ModuleCurrentMA[0]);
    }

    [Fact]
    public void AFileWithNoCellVoltageIsRefusedNamingTheColumnsLookedForAndTheOption()
    {
        string file = _scratch.Write("cell.mpt", "EC-Lab ASCII FILE\r\nNb header lines : 4\r\n\r\n"
            + "mode\ttime/s\tEce/V\tI/mA\t\r\n1\t0.0\t0.0\t0.0\t\r\n1\t0.1\t0.21\t0.385\t\r\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 1));

        Assert.StartsWith(file + ": line 4 has no cell voltage column (Ewe/V, <Ewe>/V, Ecell/V); for another, give --time-column, --voltage-column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExportWithoutItsHeaderBlockIsReadByItsColumns()
    {
        // EC-Lab's text export with its header left out starts at the column line; saved as .txt it was refused as no
        // format replay knows.
        string file = _scratch.Write("cell.txt", "mode\tox/red\terror\ttime/s\tcontrol/mA\tEwe/V\t<I>/mA\t(Q-Qo)/mA.h\t\r\n"
            + "1\t1\t0\t0,0\t0,385\t0,002\t0,0\t0,0\t\r\n1\t1\t0\t0,1\t0,385\t0,21\t0,385\t0,0\t\r\n");

        LabRecording recording = LabFileReader.Read(file, null, 1);

        Assert.Equal("biologic-mpt", recording.Format);
        Assert.Equal(new[] { 0, 0.1 }, recording.TimeS);
        Assert.Equal(new[] { 0.002, 0.21 }, recording.CellVoltageV[0]);
        Assert.Equal(new[] { 0, 0.385 }, recording.ModuleCurrentMA[0]);
    }
    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void AHeaderCountThatMissesTheColumnLineSaysWhereTheColumnsAre(int headerLines)
    {
        // The column names are on line 5; a hand-edited count one off either way was refused for a missing current column
        // at a line the user never looked at, as if the file had none.
        string file = _scratch.Write("cell.mpt", "EC-Lab ASCII FILE\r\nNb header lines : " + headerLines + "\r\n\r\nChronopotentiometry\r\n"
            + "mode\ttime/s\tEwe/V\tI/mA\t\r\n1\t0.0\t0.0\t0.0\t\r\n1\t0.1\t0.21\t0.385\t\r\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 1));

        Assert.StartsWith(file + ": line " + headerLines + " has no measured current column", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the column names are on line 5, where 'Nb header lines : " + headerLines + "' says line " + headerLines, e.Message, StringComparison.Ordinal);
    }
}
