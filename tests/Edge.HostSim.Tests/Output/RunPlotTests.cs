// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Output;
using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using ScottPlot;
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

        string[] texts = Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(t => t.Groups[1].Value).ToArray();
        for (int m = 0; m < 16; m++)
        {
            Assert.Contains("module " + m + " (", svg, StringComparison.Ordinal);

            // Each panel's voltage axis names the quantity and the cells drawn in it (the panels have no legend).
            Assert.Contains("M" + m + " C0-15 voltage (V)", texts);
        }

        Assert.DoesNotContain("V", texts);

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

    [Fact]
    public void MarkersAFewPixelsApartAreDrawnAsOneLabelledLineNotABar()
    {
        // nak50-pack6-interleaved: 18 depletion markers between 40.4 and 40.8 h of a 78.5 h run, 0.4 h = 6.6 of the
        // voltage panel's 1298 px, were 18 lines of 1.4 px: a solid red bar that read as the cells reaching the cut-off
        // while no cell passed 0.5 V. Here 18 events of six modules 0.02 h apart from 40.42 h, in a 78.5 h run.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "crowded", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 282600,
              "pack": { "modules": 6, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        string[] severities = { "info", "warning", "fault" };
        SimulationEvent[] events = Enumerable.Range(0, 18).Select(i => new SimulationEvent
        {
            TS = (40.42 + (0.02 * i)) * 3600, Module = i % 6, Cell = 0, Kind = "depletionOnset", Severity = severities[i / 6],
        }).ToArray();
        SimulationResult result = new SimulationResult
        {
            Scenario = "crowded",
            TerminatedBy = "timeLimit",
            SimulatedS = 282600,
            Trace = FlatTrace(6, 282600, 0.3f),
            Modules = Enumerable.Range(0, 6).Select(m => new ModuleResult { Index = m, State = "pulse", StopReason = "running" }).ToArray(),
            Events = events,
        };

        StackedFigure figure = RunFigure.Build(scenario, result);
        Plot voltage = figure.Plots[0];
        voltage.RenderInMemory(RunFigure.Width, 470);
        float[] linesPx = voltage.GetPlottables<ScottPlot.Plottables.VerticalLine>().Select(l => voltage.GetPixel(new Coordinates(l.X, 0)).X).OrderBy(x => x).ToArray();

        // No two marker lines closer than a few pixels, and the 18 markers (5.6 px from first to last) are at most two lines.
        Assert.InRange(linesPx.Length, 1, 2);
        for (int i = 1; i < linesPx.Length; i++)
        {
            Assert.True(linesPx[i] - linesPx[i - 1] >= 4, "marker lines " + (linesPx[i] - linesPx[i - 1]) + " px apart");
        }

        // The lines say how many markers each stands for, together all 18, in the most severe colour among them.
        var labelled = voltage.GetPlottables<ScottPlot.Plottables.VerticalLine>().Where(l => !string.IsNullOrEmpty(l.Text)).ToList();
        Assert.NotEmpty(labelled);
        int counted = voltage.GetPlottables<ScottPlot.Plottables.VerticalLine>().Sum(l => Regex.Match(l.Text ?? string.Empty, @"^(\d+) markers ") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1);
        Assert.Equal(18, counted);
        Assert.Contains(voltage.GetPlottables<ScottPlot.Plottables.VerticalLine>(), l => l.LineColor == PlotPalette.Marker(MarkerKind.Fault));

        // The key row under the plot still lists each of the 18 with its time.
        Plot key = figure.Plots[^1];
        Assert.Equal(18, key.Legend.ManualItems.Count);
    }

    /// <summary>A trace of <paramref name="modules"/> one-cell modules at a constant voltage and 1 mA/cm2, a row every 60 s.</summary>
    private static TraceBuffer FlatTrace(int modules, double endS, float voltageV)
    {
        TraceBuffer trace = new TraceBuffer(modules, modules, 8192, 60000, adaptive: false);
        for (double t = 0; t <= endS; t += 60)
        {
            for (int c = 0; c < modules; c++)
            {
                trace.ObserveCell(c, voltageV);
                trace.ObserveModule(c, 1f);
            }

            int row = trace.Append(t);
            for (int c = 0; c < modules; c++)
            {
                trace.VoltageV[(row * modules) + c] = voltageV;
                trace.CurrentMAPerCm2[(row * modules) + c] = 1f;
            }
        }

        return trace;
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
