// Licensed under the MIT License.

using System.Text;
using System.Text.Json.Nodes;
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

    [Theory]
    [InlineData("latin1")]
    [InlineData("utf8")]
    public void AMicroSignPastTheFirst64KilobytesIsReadAsWrittenWhateverTheEncoding(string encoding)
    {
        // An EC-Lab header block of 70 kB of plain text, then the column line with its micro and degree signs: in a Latin-1
        // file the first byte that is not UTF-8 lies past the 64 kB the encoding was decided on. Read as UTF-8, its micro
        // sign became U+FFFD and the file was refused as having no measured current column.
        string file = WriteTable(encoding, LongHeaderRecording());

        LabRecording recording = LabFileReader.Read(file, null, 1);

        // 385 uA is 0.385 mA: the unit the column's name states.
        Assert.Equal("\u00b5A", recording.CurrentReading!.Unit);
        Assert.Equal(0.385, recording.ModuleCurrentMA[0].Max(), 12);
        Assert.Equal(1500, recording.Samples);
    }

    [Fact]
    public void AReplayOfSuchALatinOneFileSaysItWasReadAsLatinOne()
    {
        string file = WriteTable("latin1", LongHeaderRecording());

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", file, "--out", _scratch.Path2("out-latin1"), "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("\nencoding: byte 0xB5 after the first 64 kB is not UTF-8 (a Latin-1 character such as a micro or degree sign), so the whole file was read as Latin-1\n", replay.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("protocol (inferred): Strip at 385 uA for 1000 ms, Rest for 2000 ms", replay.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("byte 0xB5 after the first 64 kB is not UTF-8", (string?)ReplayJson("out-latin1")["readAsLatin1Because"], StringComparison.Ordinal);
    }

    [Fact]
    public void AReplayOfAUtf8FileSaysNothingOfItsEncoding()
    {
        string file = WriteTable("utf8", LongHeaderRecording());

        using EdgeSimProcess replay = EdgeSimProcess.Run("replay", file, "--out", _scratch.Path2("out-utf8"), "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.DoesNotContain("encoding:", replay.Stdout, StringComparison.Ordinal);
        // Nothing to note about the file: replay.json has none of the reading notes.
        JsonObject source = ReplayJson("out-utf8");
        Assert.DoesNotContain(source, p => p.Key is "readAsLatin1Because" or "lastLineLeftOut" or "sameTimeRows");
    }

    private JsonObject ReplayJson(string outDir) => JsonNode.Parse(File.ReadAllText(Path.Combine(_scratch.Path2(outDir), "replay.json")))!.AsObject();

    /// <summary>
    /// One cell as an EC-Lab file with a 70 kB header block before its column line (time/s, Ewe/V, I/µA, Temperature/°C):
    /// 2 s rests and 1 s pulses of 385 uA, a sample every 0.1 s for 150 s.
    /// </summary>
    private static string LongHeaderRecording()
    {
        const int comments = 700;
        StringBuilder text = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : " + (comments + 4) + "\nTechnique : synthetic\n");
        for (int i = 0; i < comments; i++)
        {
            text.Append("Comments : ").Append('x', 89).Append('\n');
        }

        text.Append("time/s\tEwe/V\tI/\u00b5A\tTemperature/\u00b0C\n");
        for (int i = 0; i < 1500; i++)
        {
            bool pulse = i % 30 >= 20;
            text.Append((i / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(pulse ? "\t0.120000\t385.0\t25.0\n" : "\t0.004000\t0.0\t25.0\n");
        }

        return text.ToString();
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
