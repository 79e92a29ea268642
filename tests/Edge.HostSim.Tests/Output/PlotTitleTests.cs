// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Scoring;
using Edge.HostSim.Simulation;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Studies;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// The sweep and Pareto plots' titles, read from the saved SVG: every line of the title lies inside the figure. A
/// sweep's shared settings with three current steps made a one-line title from -250 to 1312 px on the 1000 px
/// sweep.svg, cut at both edges; a study over three presets and ten seeds one from -134 to 1068 px on the 900 px pareto.svg;
/// a scorecard family over five presets one from -251 to 1190 px on its 900 px capacity plot.
/// </summary>
public sealed class PlotTitleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-plot-title-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void A_sweep_title_with_long_shared_settings_is_wrapped_inside_the_figure_and_loses_nothing()
    {
        Scenario scenario = new Scenario { Name = "nak50-long-protocol-with-plating", Seed = 1, SamplePeriodMs = 10 };
        scenario.Protocol.Steps = new List<string> { "Strip at 1 mA/cm2 for 1 s", "Plate at 0.2 mA/cm2 for 1 s", "Strip at 0.5 mA/cm2 for 2 s", "Rest for 1 s" };
        SweepPoint[] points = { Point(scenario, 0, 0.0083), Point(scenario, 1, 0.0003) };
        string path = Path.Combine(_directory, "sweep.svg");

        SweepFigure.Build(scenario.Name, points).SaveSvg(path);

        string expected = scenario.Name + ": capacity versus rest, simulated (" + SweepFigure.Setting(points) + ")";
        AssertTitleInside(path, expected);
    }

    [Fact]
    public void A_pareto_title_with_many_presets_and_seeds_is_wrapped_inside_the_figure_and_loses_nothing()
    {
        StudySpec spec = StudyLoader.Parse(StudyManifests.Small, ".");
        StudyRow[] rows = { Row(0, 18.75, 0.2), Row(1, 7.6, 0.5), Row(2, 0.98, 0.667) };
        const string Setting = "simulated, presets nak50-nasicon, nak50-nasicon-thin, nak78-nasicon, seeds 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";
        string png = Path.Combine(_directory, "pareto.png");
        string svg = Path.Combine(_directory, "pareto.svg");

        StudyPlot.Save(spec, rows, Setting, png, svg);

        AssertTitleInside(svg, spec.Name + ": capacity versus duty cycle (3 variants, " + Setting + ")");
    }

    [Fact]
    public void The_score_plots_titles_with_many_presets_are_wrapped_inside_the_figure_and_lose_nothing()
    {
        string[] presets = { "k-betaalumina", "na-nasicon", "nak50-nasicon", "nak50-nasicon-thin", "nak78-nasicon" };
        RunOutcome[] runs = presets.Select((p, i) => new RunOutcome
        {
            Family = "depletion-onset",
            Variant = "adaptive-act",
            Preset = p,
            Modules = new[] { new ModuleResult { CapacityMAhPerCm2 = 1 + i, DutyCycle = 0.2 + (0.1 * i), StopReason = "cutoff" } },
        }).ToArray();
        FamilyScore score = new FamilyScore
        {
            Family = "depletion-onset",
            Variants = new[] { new VariantScore { Variant = "adaptive-act", Runs = runs.Length } },
            Depletion = new DepletionScore { LeadS = Summary.Of(new[] { 12.5, 40, 300 }) },
        };
        const string Setting = "simulated, presets k-betaalumina, na-nasicon, nak50-nasicon, nak50-nasicon-thin, nak78-nasicon, corpus seed 11";
        Assert.Equal(Setting, ScorePlot.Setting(score, runs, 11));

        ScorePlot.WriteFamily(_directory, score, runs, 11);

        AssertTitleInside(Path.Combine(_directory, "depletion-onset.svg"), "depletion-onset: capacity against duty cycle, one point per run (" + Setting + ")");
        AssertTitleInside(Path.Combine(_directory, "depletion-onset-lead.svg"), "depletion-onset: lead time of the warnings (" + Setting + ")");
    }

    /// <summary>Each title line starts at or right of x = 0 and ends at or left of the SVG's width; joined, they give the whole title.</summary>
    [Fact]
    public void A_run_plot_title_with_a_long_scenario_name_is_wrapped_inside_the_figure_and_loses_nothing()
    {
        // 175 characters of title at 14 px: on one line it ran past both edges of the 1400 px figure.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "nak50-symmetric-cell-03-pulse-series-a-long-rest-adaptive-check-2026-03-14-bench-b-channel-7-second-attempt", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 4,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" }, "trace": { "periodMs": 10 } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions()).Run();
        string path = Path.Combine(_directory, "plot.svg");

        RunFigure.Build(scenario, result).SaveSvg(path);

        AssertTitleInside(path, "nak50-symmetric-cell-03-pulse-series-a-long-rest-adaptive-check-2026-03-14-bench-b-channel-7-second-attempt | 1 x 1 nak50-nasicon, fixed rest, observe mode, seed 1 | simulated, true cell voltages");
    }

    private static void AssertTitleInside(string path, string expected)
    {
        string svg = File.ReadAllText(path);
        double width = Number(Regex.Match(svg, @"<svg[^>]*\bwidth=""([-0-9.]+)""").Groups[1].Value);
        List<TitleLine> lines = TitleLines(svg);

        Assert.Equal(expected, string.Join(" ", lines.Select(l => l.Text)));
        foreach (TitleLine line in lines)
        {
            Assert.True(line.Left >= 0 && line.Right <= width, string.Format(CultureInfo.InvariantCulture, "title line '{0}' spans {1:0.#} to {2:0.#} px, outside the figure's 0 to {3:0.#}", line.Text, line.Left, line.Right, width));
        }
    }

    /// <summary>The title's lines as a saved ScottPlot SVG draws them, top first, read in order and joined with spaces the whole title.</summary>
    internal static string TitleText(string svg) => string.Join(" ", TitleLines(svg).Select(l => l.Text));

    /// <summary>
    /// The title: the texts drawn above the data area at the largest font size there (the axis labels share the
    /// title's size, below and beside the data area), each with where its glyphs start and end.
    /// </summary>
    private static List<TitleLine> TitleLines(string svg)
    {
        List<TitleLine> texts = Regex.Matches(svg, @"<text[^>]*transform=""translate\(([-0-9.]+) ([-0-9.]+)\)""[^>]*font-size=""([0-9.]+)""[^>]*\bx=""([^""]*)""[^>]*>\s*([^<]*?)\s*</text>")
            .Select(m =>
            {
                double size = Number(m.Groups[3].Value);
                double[] glyphs = m.Groups[4].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number).ToArray();
                // The last glyph is taken as wide as the mean advance of the others, as SvgLayout takes it.
                double advance = glyphs.Length > 1 ? (glyphs.Max() - glyphs.Min()) / (glyphs.Length - 1) : size;
                double x = Number(m.Groups[1].Value);
                return new TitleLine(System.Net.WebUtility.HtmlDecode(m.Groups[5].Value), size, Number(m.Groups[2].Value), x + glyphs.Min(), x + glyphs.Max() + advance);
            })
            .ToList();

        // ScottPlot clips the plottables to the data area, the first clip.
        double dataTop = Number(Regex.Match(svg, @"<clipPath id=""[^""]+"">\s*<rect x=""[-0-9.]+"" y=""([-0-9.]+)""").Groups[1].Value);
        double titleSize = texts.Where(t => t.Top < dataTop).Max(t => t.Size);

        // A plot's first render may draw its texts twice while it settles the layout: each line once.
        return texts.Where(t => t.Top < dataTop && t.Size == titleSize).Distinct().OrderBy(t => t.Top).ToList();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private readonly record struct TitleLine(string Text, double Size, double Top, double Left, double Right);

    private static SweepPoint Point(Scenario scenario, double restS, double capacity) =>
        new SweepPoint(scenario, restS, new SimulationResult
        {
            TerminatedBy = "allModulesStopped",
            Modules = new[] { new ModuleResult { CapacityMAhPerCm2 = capacity, DutyCycle = 1 / (1 + restS), StopReason = "cutoff" } },
        });

    private static StudyRow Row(int index, double capacity, double duty) => new()
    {
        Index = index,
        Variant = "v" + index,
        Parameters = new JsonObject { ["pulseS"] = 1.0, ["currentMAPerCm2"] = 1.0, ["tauS"] = 1.0 },
        CapacityMAhPerCm2 = capacity,
        DutyCycle = duty,
        StopReason = "cutoff",
        TerminatedBy = "allModulesStopped",
    };
}
