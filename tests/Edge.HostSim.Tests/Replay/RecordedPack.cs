// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A simulated run of several modules or cells, and what the core measured every tick written as a cycler's table of
/// one current column per module and one voltage column per cell, as <see cref="RecordedRun"/> writes one cell's.
/// Noise is off: the table carries the measured millivolts and microamps exactly.
/// </summary>
public sealed class RecordedPack : IDisposable
{
    private readonly List<(double TimeS, double[] CurrentMA, double[] VoltageV)> _rows = new List<(double, double[], double[])>();

    /// <param name="modules">Modules of the run's pack.</param>
    /// <param name="cellsPerModule">Cells per module.</param>
    /// <param name="faultModule">The module of the injected soft short (from 30 s) and hard short (at 90.5 s).</param>
    /// <param name="faultCell">The cell of those faults within its module.</param>
    public RecordedPack(int modules, int cellsPerModule, int faultModule, int faultCell)
    {
        string json = string.Format(
            CultureInfo.InvariantCulture,
            """
            {{ "name": "pack-roundtrip", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 120,
              "pack": {{ "modules": {0}, "cellsPerModule": {1}, "preset": "nak50-nasicon" }},
              "protocol": {{ "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" }},
              "controller": {{ "mode": "observe" }},
              "measurement": {{ "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 }},
              "faults": [ {{ "atS": 30, "module": {2}, "cell": {3}, "kind": "softShort", "resistanceOhmCm2": 300, "onS": 0.05, "offS": 0.6 }},
                          {{ "atS": 90.5, "module": {2}, "cell": {3}, "kind": "hardShort" }} ] }}
            """,
            modules,
            cellsPerModule,
            faultModule,
            faultCell);
        Directory.CreateDirectory(Folder);
        Scenario scenario = ScenarioLoader.Parse(json);
        int cells = modules * cellsPerModule;
        RunOptions options = new RunOptions
        {
            // Each module's current from this tick on and each cell's voltage the core measured at it, as a cycler logs them.
            Observer = o => _rows.Add((
                o.TimeS,
                Enumerable.Range(0, modules).Select(m => (o.Actions.SwitchClosed[m] ? o.Actions.CurrentSetpointUa[m] : 0) / 1000.0).ToArray(),
                Enumerable.Range(0, cells).Select(c => o.Frame.CellVoltageMv[c] / 1000.0).ToArray())),
        };
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        RunOutputWriter.WriteAll(Path.Combine(Folder, "run"), scenario, result);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "edge-sim-replay-pack-" + Guid.NewGuid().ToString("N"));

    public string EventsPath => Path.Combine(Folder, "run", "events.jsonl");

    public void Dispose() => Directory.Delete(Folder, true);

    /// <summary>
    /// A comma-separated table: time in s, then the current columns (mA) and the voltage columns (V) under the names
    /// given, in module and cell order.
    /// </summary>
    public string WriteTable(string name, string[] currentColumns, string[] voltageColumns)
    {
        StringBuilder text = new StringBuilder("time_s,").Append(string.Join(',', currentColumns)).Append(',').Append(string.Join(',', voltageColumns)).Append('\n');
        foreach ((double timeS, double[] currentMA, double[] voltageV) in _rows)
        {
            text.Append(timeS.ToString("0.00", CultureInfo.InvariantCulture));
            foreach (double value in currentMA)
            {
                text.Append(',').Append(value.ToString("0.000", CultureInfo.InvariantCulture));
            }

            foreach (double value in voltageV)
            {
                text.Append(',').Append(value.ToString("0.000", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
