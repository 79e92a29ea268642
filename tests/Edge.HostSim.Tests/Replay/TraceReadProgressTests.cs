// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// An edge-sim trace is read twice, its rows counted and then read into a recording of that size: the bytes read are
/// reported over both passes, of twice the file's size. The counting pass reported nothing, so a long trace's replay said
/// nothing while it was counted (a 196 MB trace: 8 s without a line), and then showed the second pass from 0 as the whole.
/// </summary>
public sealed class TraceReadProgressTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void BothPassesOverATraceReportTheBytesRead()
    {
        // 30,000 rows of 10 ms: well past the 8192 lines between two reports, so each pass reports on its way.
        StringBuilder text = new StringBuilder("tS,module0CurrentMAPerCm2,module0Cell0V,module0State\n");
        for (int i = 0; i < 30000; i++)
        {
            bool pulse = i % 300 >= 200;
            text.Append((i / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(pulse ? ",1,0.12,running\n" : ",0,0.004,running\n");
        }

        string file = _scratch.Write("trace.csv", text.ToString());
        long size = new FileInfo(file).Length;
        List<(long Done, long Total)> reports = new List<(long, long)>();

        LabRecording recording = LabFileReader.Read(file, null, 0.3848, (done, total) => reports.Add((done, total)));

        Assert.Equal(30000, recording.Samples);

        // Every report is of both passes' bytes, rising to their end; the first pass (bytes up to the file's size) has
        // reports of its own before it ends, and its end is one.
        Assert.All(reports, r => Assert.Equal(2 * size, r.Total));
        Assert.Equal(reports.Select(r => r.Done).Order(), reports.Select(r => r.Done));
        Assert.Contains(reports, r => r.Done > 0 && r.Done < size);
        Assert.Contains(reports, r => r.Done == size);
        Assert.Contains(reports, r => r.Done > size && r.Done < 2 * size);
        Assert.Equal(2 * size, reports[^1].Done);
    }
}
