// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Cli;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// trace.csv's module current density carries the current the controller set, whole uA over the electrode area, to
/// enough digits that the trace's integral is the charge summary.json reports. Written to 4 decimals, 38 uA on
/// 0.3848 cm2 (0.1 mA/cm2, 0.098753 mA/cm2) read 0.0988, and the trace's charge came out 0.05 % high.
/// </summary>
public sealed class TraceCurrentPrecisionTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // 0.1 mA/cm2 on 0.3848 cm2 is 38.48 uA, which the controller sets as 38 uA. Pulses start at 0, 2, ..., 18 s and
    // last 1 s each (the one the last tick at 20 s starts flows for no time): 10 s of 38 uA, 380 uC, by hand.
    private const string LowCurrent = """
        { "name": "low-current", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 20,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.3848 },
          "protocol": { "steps": [ "Strip at 0.1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "trace": { "periodMs": 10 } }
        """;

    private const double AreaCm2 = 0.3848;
    private const double SetpointUa = 38;
    private const double ChargeByHandMAhPerCm2 = SetpointUa * 10 / 1000 / 3600 / AreaCm2;

    [Fact]
    public void The_trace_current_integrates_to_the_charge_set()
    {
        string scenario = _scratch.Write("low.json", LowCurrent);
        string outDir = _scratch.Path2("run");

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        string[] header = lines[0].Split(',');
        int time = Array.IndexOf(header, "tS");
        int current = Array.IndexOf(header, "module0CurrentMAPerCm2");
        double[] timeS = lines.Skip(1).Select(l => double.Parse(l.Split(',')[time], CultureInfo.InvariantCulture)).ToArray();
        double[] currentMAPerCm2 = lines.Skip(1).Select(l => double.Parse(l.Split(',')[current], CultureInfo.InvariantCulture)).ToArray();

        // Every pulse row carries 38 uA over the area, to well under one uA's share.
        double setpointMAPerCm2 = SetpointUa / 1000 / AreaCm2;
        Assert.All(currentMAPerCm2.Where(c => c != 0), c => Assert.Equal(setpointMAPerCm2, c, 1e-8));

        // The current of each row flows until the next row's tick (the last row's until the run's end, here its own time).
        double chargeMAs = 0;
        for (int row = 0; row + 1 < timeS.Length; row++)
        {
            chargeMAs += currentMAPerCm2[row] * (timeS[row + 1] - timeS[row]);
        }

        Assert.Equal(ChargeByHandMAhPerCm2, chargeMAs / 3600, ChargeByHandMAhPerCm2 * 1e-6);

        using System.Text.Json.JsonDocument summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        double reported = summary.RootElement.GetProperty("modules")[0].GetProperty("capacityMAhPerCm2").GetDouble();
        Assert.Equal(ChargeByHandMAhPerCm2, reported, ChargeByHandMAhPerCm2 * 1e-6);
    }
}
