// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>The sweep plot's stop-reason labels as the saved SVG draws them.</summary>
public sealed class SweepFigureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-sweep-figure-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void NeighboursWithTheSameStopShareOneLabelAndDifferentOnesStackInsteadOfOverlapping()
    {
        // The [W] sweep's first rests (0, 0.1, 0.2 s) all cut off near 0.3-0.5 mAh/cm2: three "cutoff" labels were
        // printed over each other. The other points stand apart.
        double[] rests = { 0, 0.1, 0.2, 1, 2, 5, 10 };
        double[] capacities = { 0.298, 0.395, 0.46, 3.1, 9.54, 13.11, 14.02 };
        string svg = Save(rests.Select((r, i) => Point(r, capacities[i], "cutoff")).ToArray());
        Assert.Equal(5, Labels(svg, "cutoff").Count);

        // A different stop among them keeps its own label, above the other and clear of it.
        string[] stops = { "cutoff", "capacityLimit", "cutoff", "cutoff", "cutoff", "cutoff", "cutoff" };
        svg = Save(rests.Select((r, i) => Point(r, capacities[i], stops[i])).ToArray());
        (float X, float Y) capacityLimit = Assert.Single(Labels(svg, "capacityLimit"));
        (float X, float Y) first = Labels(svg, "cutoff").OrderBy(l => l.X).First();
        Assert.True(Math.Abs(capacityLimit.Y - first.Y) >= 10, $"capacityLimit at {capacityLimit}, cutoff at {first}");
    }

    private string Save(SweepPoint[] points)
    {
        string path = Path.Combine(_directory, "sweep.svg");
        SweepFigure.Build("labels", points).SaveSvg(path);
        return File.ReadAllText(path);
    }

    /// <summary>
    /// Where the SVG places each text that reads <paramref name="text"/> (its translate), each place once: a plot's
    /// first render may draw its texts twice while it settles the layout.
    /// </summary>
    private static List<(float X, float Y)> Labels(string svg, string text) =>
        Regex.Matches(svg, @"<text[^>]*transform=""translate\(([-0-9.]+) ([-0-9.]+)\)""[^>]*>\s*" + text + @"\s*</text>")
            .Select(m => (float.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), float.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .Distinct()
            .ToList();

    private static SweepPoint Point(double restS, double capacity, string stop) =>
        new SweepPoint(new Scenario(), restS, new SimulationResult
        {
            TerminatedBy = "allModulesStopped",
            Modules = new[] { new ModuleResult { CapacityMAhPerCm2 = capacity, DutyCycle = 1 / (1 + restS), StopReason = stop } },
        });
}
