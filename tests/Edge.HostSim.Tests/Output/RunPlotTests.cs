// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Output;
using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// plot.svg / plot.png / report.html of real closed-loop runs: markers for what happened, envelopes for
/// dense pulses, limits as lines, and no series dropped without a word on the plot.
/// </summary>
public sealed class RunPlotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-plot-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void DemoPlotMarksTheSoftShortWarningTheIsolationAndTheInjectedHardShort()
    {
        Scenario scenario = BuiltInScenarios.Demo();
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        RunOutputWriter.WriteAll(_directory, scenario, result);

        string svg = File.ReadAllText(Path.Combine(_directory, "plot.svg"));
        Assert.Contains("softShort warning M1 C0", svg, StringComparison.Ordinal);
        Assert.Contains("isolated M1", svg, StringComparison.Ordinal);
        Assert.Contains("injected hardShort M1 C0", svg, StringComparison.Ordinal);
        Assert.Contains("injected softShort M1 C0", svg, StringComparison.Ordinal);

        // The demo's 900 s of 1 s pulses do not fit the pixels: the cells are drawn as min/max bands.
        Assert.Contains("M0 C0 (min..max)", svg, StringComparison.Ordinal);

        // Its markers crowd the first minutes (the modules' starts, the depletion answers), none the last: the cells'
        // legend stands at the right, where the start labels used to cover it on the left.
        Match legend = Regex.Match(svg, @"translate\(([-0-9.]+) [-0-9.]+\)""[^>]*>\s*M0 C0 \(min\.\.max\)");
        Assert.True(legend.Success);
        Assert.True(double.Parse(legend.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > RunFigure.Width / 2.0, legend.Value);

        // Each text is drawn once: a plot's first render used to draw every panel twice into the SVG (twice the
        // file, and each translucent band twice as dark as in the PNG).
        string[] texts = Regex.Matches(svg, @"<text[^>]*transform=""translate\(([-0-9.]+ [-0-9.]+)\)""[^>]*>\s*([^<]*?)\s*</text>")
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToArray();
        Assert.True(texts.Length > 20, texts.Length + " texts");
        Assert.Empty(texts.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key));
        AssertPng(Path.Combine(_directory, "plot.png"));
        string report = File.ReadAllText(Path.Combine(_directory, "report.html"));
        Assert.Contains("isolated M1", report, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", report, StringComparison.Ordinal);

        // The modules table says which fault held module 1: the diagnosis of its fault event.
        SimulationEvent latched = result.Events.First(e => e.Module == 1 && e.Severity == "fault" && e.Kind == "softShort");
        Assert.Contains("softShort (" + latched.Diagnosis + ")", report, StringComparison.Ordinal);
    }

    [Fact]
    public void SixteenBySixteenPackGetsAPanelPerModuleAndShowsTheFaultInModuleTwelve()
    {
        Scenario scenario = Pack(16, 16, 60, module: 12, cell: 5);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        StackedFigure figure = RunFigure.Build(scenario, result);
        string path = Path.Combine(_directory, "pack.svg");
        figure.SaveSvg(path);
        string svg = File.ReadAllText(path);

        for (int m = 0; m < 16; m++)
        {
            Assert.Contains("module " + m + " (", svg, StringComparison.Ordinal);
        }

        Assert.Contains("hardShort fault M12 C5", svg, StringComparison.Ordinal);
        Assert.Contains("isolated M12", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("cells drawn as lines", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void LargerPacksDrawTheFaultyAndExtremeCellsAndSayHowManyAreOmitted()
    {
        Scenario scenario = Pack(64, 4, 40, module: 40, cell: 2);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        string path = Path.Combine(_directory, "big.svg");
        RunFigure.Build(scenario, result).SaveSvg(path);
        string svg = File.ReadAllText(path);

        Assert.Contains("16 of 256 cells drawn as lines", svg, StringComparison.Ordinal);
        Assert.Contains("240 more only within the grey range band", svg, StringComparison.Ordinal);
        Assert.Contains("range of all 256 cells", svg, StringComparison.Ordinal);
        Assert.Contains("M40 C2", svg, StringComparison.Ordinal);
        Assert.Contains("hardShort fault M40 C2", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunToTheCutoffShowsTheEnvelopeAndTheCutoffLine()
    {
        // 1 s pulses with 1 s rests at 1 mA/cm2 reach the 3 V cut-off after about 2.4 mAh/cm2 (README seed table): hours of pulses.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "to-cutoff", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 100000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe" } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        Assert.Equal("cutoff", result.Modules[0].StopReason);
        TraceBuffer trace = result.Trace!;

        // The trace's last row holds the cut-off peak although thousands of ticks share each row.
        Assert.True(trace.PeriodMs > 100);
        Assert.True(trace.VoltageMaxV[trace.Count - 1] >= 3.0f);

        string path = Path.Combine(_directory, "cutoff.svg");
        RunFigure.Build(scenario, result).SaveSvg(path);
        string svg = File.ReadAllText(path);
        Assert.Contains("cut-off 3.00 V", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("(above the plotted range)\n", svg, StringComparison.Ordinal);
        Assert.Contains("M0 C0 (min..max)", svg, StringComparison.Ordinal);
        Assert.Contains("stop M0: cutoff", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvelopeKeepsPeaksAndTroughsOfPulsesNarrowerThanABin()
    {
        // 6000 rows of a 1-in-6 pulse pattern (0.24 V peak, 0.01 V rest) into 100 bins: every bin spans both.
        const int Rows = 6000;
        double[] x = Enumerable.Range(0, Rows).Select(i => (double)i).ToArray();
        float[] v = Enumerable.Range(0, Rows).Select(i => i % 6 == 0 ? 0.24f : 0.01f).ToArray();
        SeriesEnvelope env = SeriesEnvelope.Build(x, Rows, 100, v, v, v, 1, 0);

        Assert.True(env.Dense);
        Assert.Equal(100, env.X.Length);
        Assert.All(env.Max, m => Assert.Equal(0.24, m, 5));
        Assert.All(env.Min, m => Assert.Equal(0.01, m, 5));
    }

    private static Scenario Pack(int modules, int cells, double seconds, int module, int cell)
    {
        return ScenarioLoader.Parse($$"""
            { "name": "pack-{{modules}}x{{cells}}", "seed": 3, "samplePeriodMs": 20, "timeLimitS": {{seconds}},
              "pack": { "modules": {{modules}}, "cellsPerModule": {{cells}}, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 5 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "faults": [ { "atS": 20, "module": {{module}}, "cell": {{cell}}, "kind": "hardShort" } ] }
            """);
    }

    private static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4).ToArray());
    }
}
