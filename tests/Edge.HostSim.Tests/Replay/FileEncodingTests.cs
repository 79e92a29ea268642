// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Lab files as Windows programs write them: Latin-1 (a micro sign is the byte 0xB5, a degree sign 0xB0), or UTF-8 with
/// or without a byte-order mark, with CRLF line ends. Their column names are read as written, whichever encoding.
/// </summary>
public sealed class FileEncodingTests : IDisposable
{
    private const string Table = "Zeit/s\tSpannung/V\tStrom/\u00b5A\tTemperatur/\u00b0C\r\n"
        + "0,0\t0,20\t385,0\t25,0\r\n0,1\t0,21\t385,0\t25,0\r\n0,2\t0,22\t385,0\t25,0\r\n";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string> Encodings => new TheoryData<string> { "latin1", "utf8", "utf8-bom" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void AColumnInMicroampsIsReadInMicroampsWhateverTheEncoding(string encoding)
    {
        string file = WriteTable(encoding, Table);

        LabRecording recording = LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Zeit", VoltageColumn = "Spannung", CurrentColumn = "Strom" }, 1);

        // 385 uA is 0.385 mA: the name's unit, with no --current-unit.
        Assert.Equal("\u00b5A", recording.CurrentReading!.Unit);
        Assert.All(recording.ModuleCurrentMA[0], i => Assert.Equal(0.385, i, 12));
        Assert.Equal(new[] { 0.2, 0.21, 0.22 }, recording.CellVoltageV[0]);
    }

    [Fact]
    public void AMessageListingALatinOneFilesColumnsShowsThemAsWritten()
    {
        string file = WriteTable("latin1", Table);

        LabFileException e = Assert.Throws<LabFileException>(() => LabFileReader.Read(file, new ColumnSpec { TimeColumn = "Zeit", VoltageColumn = "Ewe", CurrentColumn = "Strom" }, 1));

        Assert.Equal(file + ": line 1 has no column 'Ewe' (columns: Zeit/s, Spannung/V, Strom/\u00b5A, Temperatur/\u00b0C)", e.Message);
    }

    private string WriteTable(string encoding, string text)
    {
        string path = _scratch.Path2("table-" + encoding + ".txt");
        byte[] bytes = encoding switch
        {
            "latin1" => Encoding.Latin1.GetBytes(text),
            "utf8" => new UTF8Encoding(false).GetBytes(text),
            _ => new UTF8Encoding(true).GetPreamble().Concat(new UTF8Encoding(false).GetBytes(text)).ToArray(),
        };
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
