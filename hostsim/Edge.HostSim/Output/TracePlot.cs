// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Output;

/// <summary>Voltage and current of a run over time, as an SVG chart (cell voltages above, module currents and, with a pack demand, their sum below).</summary>
public static class TracePlot
{
    /// <summary>Most cell lines drawn; larger packs show the first ones.</summary>
    private const int MaximumCellLines = 10;

    public static string Render(TraceBuffer trace, Scenario scenario)
    {
        int rows = trace.Count;
        double[] time = new double[rows];
        Array.Copy(trace.TimeS, time, rows);
        bool minutes = rows > 0 && time[rows - 1] > 600;
        if (minutes)
        {
            for (int r = 0; r < rows; r++)
            {
                time[r] /= 60.0;
            }
        }

        int cellsPerModule = trace.Cells / trace.Modules;
        List<PlotSeries> voltages = new List<PlotSeries>();
        for (int c = 0; c < Math.Min(trace.Cells, MaximumCellLines); c++)
        {
            double[] v = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                v[r] = trace.VoltageV[(r * trace.Cells) + c];
            }

            voltages.Add(new PlotSeries("module " + (c / cellsPerModule) + " cell " + (c % cellsPerModule), time, v, SvgChart.Palette[c % SvgChart.Palette.Length]));
        }

        List<PlotSeries> currents = new List<PlotSeries>();
        for (int m = 0; m < Math.Min(trace.Modules, MaximumCellLines); m++)
        {
            double[] i = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                i[r] = trace.CurrentMAPerCm2[(r * trace.Modules) + m];
            }

            currents.Add(new PlotSeries("module " + m, time, i, SvgChart.Palette[m % SvgChart.Palette.Length]));
        }

        if (scenario.Pack.Demand != null)
        {
            // Pack current in the demand's unit: mA/cm2 referred to one module's area (sum of the module densities).
            double[] pack = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                for (int m = 0; m < trace.Modules; m++)
                {
                    pack[r] += trace.CurrentMAPerCm2[(r * trace.Modules) + m];
                }
            }

            currents.Add(new PlotSeries("pack (sum)", time, pack, "#000000"));
        }

        string title = scenario.Name + " (" + scenario.Pack.Preset + ", " + (scenario.Protocol.AdaptiveRest ? "adaptive" : "fixed") + " rest, trace every " + trace.PeriodMs + " ms)";
        SvgChart chart = new SvgChart(title, minutes ? "time (min)" : "time (s)");
        chart.AddPanel("cell voltage (V)", voltages);
        chart.AddPanel("module current (mA/cm2)", currents);
        return chart.Render();
    }
}
