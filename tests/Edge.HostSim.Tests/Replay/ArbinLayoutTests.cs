// Licensed under the MIT License.

using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// An Arbin CSV is read by its columns' names, whichever way the file was saved: as Arbin's export writes it, with the
/// unit after a space as other tools re-save it, or by a spreadsheet in a decimal-comma locale (semicolons, 0,385).
/// </summary>
public sealed class ArbinLayoutTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("Data_Point,Test_Time(s),Date_Time,Step_Index,Current(A),Voltage(V)", ',', '.')]
    [InlineData("Data_Point;Test_Time(s);Date_Time;Step_Index;Current(A);Voltage(V)", ';', ',')]
    [InlineData("Data_Point;Test_Time(s);Date_Time;Step_Index;Current(A);Voltage(V)", ';', '.')]
    [InlineData("Data_Point,Test_Time (s),Date_Time,Step_Index,Current (A),Voltage (V),Temperature (C)", ',', '.')]
    // Arbin MITS Pro's CSV export: spaces in the names, "Test Time (s)" where the older export writes "Test_Time(s)"
    // (the names as public parsers of such exports list them; here in this test's column order). It was refused as no format replay knows.
    [InlineData("Data Point,Test Time (s),Date Time,Step Time (s),Current (A),Voltage (V),Power (W)", ',', '.')]
    [InlineData("Data_Point\tTest_Time(s)\tDate_Time\tStep_Index\tCurrent(A)\tVoltage(V)", '\t', ',')]
    public void TheColumnsAreReadInTheirUnitsWhateverTheLayout(string header, char delimiter, char decimalSeparator)
    {
        // Three samples: 0.385 mA (written in A) at 0.1 s steps, the cell at 0.2, 0.21 and 0.22 V.
        string[][] rows =
        {
            new[] { "1", "0.0", "15.03.2019 10:00:00", "1", "3.85E-04", "0.20", "25.1" },
            new[] { "2", "0.1", "15.03.2019 10:00:00", "1", "3.85E-04", "0.21", "25.1" },
            new[] { "3", "0.2", "15.03.2019 10:00:00", "1", "3.85E-04", "0.22", "25.1" },
        };
        int columns = header.Split(delimiter).Length;
        string text = header + "\r\n" + string.Concat(rows.Select(r => string.Join(delimiter, r.Take(columns).Select(c => c.Replace('.', decimalSeparator == ',' && c != r[2] ? ',' : '.'))) + "\r\n"));
        string file = _scratch.Write("arbin.csv", text);

        LabRecording recording = LabFileReader.Read(file, null, 1);

        Assert.Equal("arbin-csv", recording.Format);
        Assert.Equal(new[] { 0, 0.1, 0.2 }, recording.TimeS);
        Assert.Equal(new[] { 0.2, 0.21, 0.22 }, recording.CellVoltageV[0]);
        Assert.All(recording.ModuleCurrentMA[0], i => Assert.Equal(0.385, i, 12));
    }
}
