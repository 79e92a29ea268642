// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>A file replay cannot read is refused saying what is wrong with it and, where an option reads it, which.</summary>
public sealed class UnreadableFileMessageTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("blank.mpt", "\r\n\r\n")]
    [InlineData("blank.csv", "\n  \n\t\n")]
    [InlineData("bom.csv", "\uFEFF\r\n")]
    public void AFileOfBlankLinesIsToldAsSuch(string name, string text)
    {
        // Read on, a blank .mpt was refused for want of a measured current column at line 1, and a blank table as not
        // being one of the formats replay knows.
        string file = _scratch.Write(name, text);

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, null, 1));

        Assert.Equal(file + ": the file holds only blank lines", e.Message);
    }

    [Fact]
    public void MillivoltsReadInTheDefaultVoltsAreRefusedNamingTheOptionThatReadsThem()
    {
        // A NaK cell's 200 mV pulse read as 200 V: beyond any cell's voltage. The message said only "other units".
        string file = _scratch.Write("mv.csv", "time,voltage,current\n0,4.0,0\n0.02,200.4,0.385\n0.04,201.1,0.385\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec(), 1));

        Assert.Equal(file + ": line 3: 200.4 V in column 'voltage' is beyond any cell's voltage (+/-100 V): a corrupt row, or the column is in other units"
            + " (column 'voltage' read in V, the default: the column's unit may be wrong; if it is in mV, give --voltage-unit mV)", e.Message);
    }

    [Fact]
    public void AmpsBeyondTheRangeReadInTheDefaultMilliampsNameTheOptionOneUnitSmaller()
    {
        // 2,000,000 read in mA is 2 kA: microamperes read as mA.
        string file = _scratch.Write("ua.csv", "time,voltage,current\n0,0.004,0\n0.02,0.2,2000000\n");

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec(), 1));

        Assert.EndsWith("(column 'current' read in mA, the default: the column's unit may be wrong; if it is in uA, give --current-unit uA)", e.Message, StringComparison.Ordinal);
    }
}
