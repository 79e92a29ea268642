// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A simulated run with known events (an intermittent soft short from 30 s, depletion warnings, a hard short
/// at 90.5 s), its trace sampled every tick, and what the core measured every tick written again as the lab
/// formats replay reads. Noise is off; the lab files carry the measured millivolts and microamps exactly, the
/// trace the cell's true voltage at 10 uV resolution.
/// </summary>
public sealed class RecordedRun : IDisposable
{
    private readonly double _areaCm2;

    public const string Scenario = """
        { "name": "roundtrip", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 120,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "measurement": { "voltageNoiseMv": 0, "voltageLsbMv": 0, "currentNoiseUa": 0 },
          "trace": { "periodMs": 10 },
          "faults": [ { "atS": 30, "module": 0, "cell": 0, "kind": "softShort", "resistanceOhmCm2": 300, "onS": 0.05, "offS": 0.6 },
                      { "atS": 90.5, "module": 0, "cell": 0, "kind": "hardShort" } ] }
        """;

    public RecordedRun()
        : this(Scenario)
    {
    }

    /// <summary>The same recording of another scenario (xUnit's fixture takes the parameterless one).</summary>
    internal RecordedRun(string scenarioJson)
    {
        Directory.CreateDirectory(Folder);
        Scenario scenario = ScenarioLoader.Parse(scenarioJson);
        List<Row> measured = new List<Row>();
        RunOptions options = new RunOptions
        {
            // The current from this tick on and the voltage the core measured at it, as a cycler would log them.
            Observer = o => measured.Add(new Row(o.TimeS, (o.Actions.SwitchClosed[0] ? o.Actions.CurrentSetpointUa[0] : 0) / 1000.0, o.Frame.CellVoltageMv[0] / 1000.0)),
        };
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        RunOutputWriter.WriteAll(Path.Combine(Folder, "run"), scenario, result);
        Rows = measured;
        _areaCm2 = scenario.Pack.AreaCm2;
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "edge-sim-replay-" + Guid.NewGuid().ToString("N"));

    public string TracePath => Path.Combine(Folder, "run", "trace.csv");

    public string EventsPath => Path.Combine(Folder, "run", "events.jsonl");

    /// <summary>Time (s), current from this time on (mA), cell voltage (V).</summary>
    public List<Row> Rows { get; }

    public void Dispose() => Directory.Delete(Folder, true);

    /// <summary>
    /// The run's trace.csv (the scenario must trace every tick) as rows: the cell's true voltage at 10 uV, which moves
    /// between ticks where the measured millivolts of a noiseless run stay level; the current from each tick on.
    /// </summary>
    public List<Row> TraceRows()
    {
        string[] lines = File.ReadAllLines(TracePath);
        string[] header = lines[0].Split(',');
        int current = Array.IndexOf(header, "module0CurrentMAPerCm2");
        int voltage = Array.IndexOf(header, "module0Cell0V");
        return lines.Skip(1).Select(l => l.Split(',')).Select(c => new Row(
            double.Parse(c[0], CultureInfo.InvariantCulture),
            double.Parse(c[current], CultureInfo.InvariantCulture) * _areaCm2,
            double.Parse(c[voltage], CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>
    /// The run's trace.csv as traces were written before they carried what the core read: without its measured columns
    /// (module&lt;m&gt;Cell&lt;c&gt;MeasuredMV, module&lt;m&gt;MeasuredCurrentUA), the true values only.
    /// </summary>
    public string WriteTraceWithoutMeasuredColumns(string name)
    {
        string[] lines = File.ReadAllLines(TracePath);
        string[] header = lines[0].Split(',');
        int[] kept = Enumerable.Range(0, header.Length).Where(i => !header[i].Contains("Measured", StringComparison.Ordinal)).ToArray();
        Assert.True(kept.Length < header.Length, "the trace has no measured columns: " + lines[0]);
        return Write(name, string.Concat(lines.Select(l => string.Join(',', kept.Select(i => l.Split(',')[i])) + "\n")));
    }

    /// <summary>
    /// An EC-Lab text export: header block with "Nb header lines", tab-separated columns; real exports describe the
    /// technique's settings in dozens of further header lines (<paramref name="settingsLines"/>). Its control/mA
    /// column, the setpoint, comes before the measured &lt;I&gt;/mA as in EC-Lab's own order; it holds the measured
    /// current times <paramref name="setpointFactor"/>.
    /// </summary>
    public string WriteBioLogic(string name, IEnumerable<Row> rows, bool decimalComma, int settingsLines = 0, double setpointFactor = 1)
    {
        StringBuilder text = new StringBuilder();
        string[] header = new[]
            {
                "EC-Lab ASCII FILE",
                "Nb header lines : " + (6 + settingsLines),
                string.Empty,
                "Chronopotentiometry",
                "Run on channel : 1",
            }
            .Concat(Enumerable.Range(1, settingsLines).Select(i => "Is" + i + "\t0,385\t" + (i % 3 == 0 ? "mA" : "s")))
            .Append("mode\tox/red\terror\ttime/s\tcontrol/mA\tEwe/V\t<I>/mA\tcycle number\t(Q-Qo)/C")
            .ToArray();
        foreach (string line in header)
        {
            text.Append(line).Append('\n');
        }

        foreach (Row r in rows)
        {
            string F(double value, string format) => decimalComma ? value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',') : value.ToString(format, CultureInfo.InvariantCulture);
            text.Append("1\t1\t0\t").Append(F(r.TimeS, "0.0000")).Append('\t').Append(F(r.CurrentMA * setpointFactor, "0.000000")).Append('\t')
                .Append(F(r.VoltageV, "0.000000")).Append('\t').Append(F(r.CurrentMA, "0.000000")).Append("\t0\t0").Append('\n');
        }

        return Write(name, text.ToString());
    }

    public string WriteArbin(string name)
    {
        StringBuilder text = new StringBuilder("Data_Point,Test_Time(s),Step_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),Charge_Capacity(Ah)\n");
        int point = 1;
        foreach (Row r in Rows)
        {
            text.Append(point++).Append(',').Append(r.TimeS.ToString("0.000", CultureInfo.InvariantCulture)).Append(",0,1,1,")
                .Append((r.CurrentMA / 1000).ToString("0.000000000", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.VoltageV.ToString("0.000000", CultureInfo.InvariantCulture)).Append(",0\n");
        }

        return Write(name, text.ToString());
    }

    /// <summary>
    /// As Neware's CSV export writes a record: the step's own time and the total time in h:mm:ss.fff (the step time
    /// starting again at every step), current in mA, voltage in V, the wall-clock date.
    /// </summary>
    public string WriteNeware(string name)
    {
        static string Clock(double s)
        {
            long ms = (long)Math.Round(s * 1000);
            return (ms / 3_600_000).ToString("00", CultureInfo.InvariantCulture) + ":" + (ms / 60_000 % 60).ToString("00", CultureInfo.InvariantCulture) + ":"
                + (ms / 1000 % 60).ToString("00", CultureInfo.InvariantCulture) + "." + (ms % 1000).ToString("000", CultureInfo.InvariantCulture);
        }

        StringBuilder text = new StringBuilder("DataPoint,Step Type,Time,Total Time,Current(mA),Voltage(V),Date\n");
        int point = 1;
        double stepStartS = 0;
        for (int k = 0; k < Rows.Count; k++)
        {
            Row r = Rows[k];
            if (k > 0 && r.CurrentMA != Rows[k - 1].CurrentMA)
            {
                stepStartS = r.TimeS;
            }

            text.Append(point++).Append(',').Append(r.CurrentMA > 0 ? "CC DChg" : "Rest").Append(',').Append(Clock(r.TimeS - stepStartS)).Append(',').Append(Clock(r.TimeS)).Append(',')
                .Append(r.CurrentMA.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.VoltageV.ToString("0.000000", CultureInfo.InvariantCulture)).Append(",2026-03-06 12:37:25\n");
        }

        return Write(name, text.ToString());
    }

    /// <summary>
    /// As a Maccor text export: lines of its own before the header row (the dates, the file and procedure names), then
    /// tab-separated records, current in A and voltage in V under column names without units.
    /// </summary>
    public string WriteMaccor(string name)
    {
        StringBuilder text = new StringBuilder("Today's Date\t12/14/2020 9:15:02 AM\tDate of Test:\t12/11/2020 4:02:45 PM\n")
            .Append("Filename:\tC:\\Data\\cell-17.001\tProcedure:\tpulse-1s-2s.000\tBarcode:\t\n")
            .Append("Comment/Barcode: NaK50, 1 mA/cm2\n")
            .Append('\n')
            .Append("Rec#\tCyc#\tStep\tTestTime\tStepTime\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\n");
        int point = 1;
        foreach (Row r in Rows)
        {
            text.Append(point++).Append("\t0\t1\t").Append(r.TimeS.ToString("0.000", CultureInfo.InvariantCulture)).Append("\t0\t0\t0\t")
                .Append((r.CurrentMA / 1000).ToString("0.000000000", CultureInfo.InvariantCulture)).Append('\t')
                .Append(r.VoltageV.ToString("0.000000", CultureInfo.InvariantCulture)).Append(r.CurrentMA > 0 ? "\tD\t0\n" : "\tR\t0\n");
        }

        return Write(name, text.ToString());
    }

    /// <summary>Semicolon-separated, ms / mV / uA, own column names.</summary>
    public string WriteGeneric(string name)
    {
        StringBuilder text = new StringBuilder("elapsed_ms;cell_mV;I_uA\n");
        foreach (Row r in Rows)
        {
            text.Append((r.TimeS * 1000).ToString("0", CultureInfo.InvariantCulture)).Append(';')
                .Append((r.VoltageV * 1000).ToString("0.000", CultureInfo.InvariantCulture)).Append(';')
                .Append((r.CurrentMA * 1000).ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Write(name, text.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public sealed record Row(double TimeS, double CurrentMA, double VoltageV);
}
