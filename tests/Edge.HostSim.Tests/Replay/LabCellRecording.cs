// Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Makes hostsim/recordings/lab-cell.mpt, the simulated EC-Lab export the READMEs' replay command reads: a closed-loop run
/// of <see cref="Scenario"/>, every second row of its trace (the model's true voltage every 10 ms, so a sample every
/// 20 ms), 1 mV of Gaussian noise from a seeded generator on the voltage, in EC-Lab's text layout. Everything here is
/// deterministic, so the shipped file is checked against what this writes (<see cref="ShippedRecordingTests"/>).
/// </summary>
internal static class LabCellRecording
{
    public const string Scenario = """{ "name": "lab-cell", "seed": 7, "samplePeriodMs": 10, "timeLimitS": 90, "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" }, "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" }, "controller": { "mode": "observe" }, "trace": { "periodMs": 10 }, "faults": [ { "atS": 30, "module": 0, "cell": 0, "kind": "softShort", "resistanceOhmCm2": 300, "onS": 0.05, "offS": 0.6 } ] }""";

    public const int NoiseSeed = 7;

    public const double NoiseMv = 1.0;

    /// <summary>Setting this environment variable to 1 makes the check write the file instead of comparing it.</summary>
    public const string RewriteVariable = "EDGE_REWRITE_LAB_CELL";

    private static readonly string[] s_description =
    {
        "SIMULATED DATA, NOT A BENCH MEASUREMENT: no cell was cycled to make this file.",
        "Made with edge-sim, the Edge host simulator, to try 'edge-sim replay' without a cycler's file:",
        "1. 'edge-sim run' of the scenario below: one NaK50 cell (preset nak50-nasicon, 0.3848 cm2), 1 s pulses at",
        "   1 mA/cm2 (0.385 mA) with 2 s rests, observe mode, seed 7, an intermittent soft short (300 ohm cm2, on for",
        "   50 ms of every 650 ms) injected at 30 s; its trace.csv holds the model's true cell voltage every 10 ms.",
        "2. Every second row of that trace kept (a sample every 20 ms), 1 mV of Gaussian noise (.NET System.Random, seed 7,",
        "   Box-Muller) added to Ewe, the current written as control/mA and <I>/mA, in EC-Lab's text export layout.",
        "   Remade by tests/Edge.HostSim.Tests/Replay/LabCellRecording.cs (" + RewriteVariable + "=1).",
    };

    public static string Make()
    {
        using RecordedRun run = new RecordedRun(Scenario);
        List<RecordedRun.Row> trace = run.TraceRows();
        Random noise = new Random(NoiseSeed);
        StringBuilder text = new StringBuilder();
        List<string> header = new List<string> { "EC-Lab ASCII FILE", string.Empty, string.Empty };
        header.AddRange(s_description);
        header.Add("Scenario: " + Scenario);
        header.Add(string.Empty);
        header.Add("Chronopotentiometry");
        header.Add("time/s\tcontrol/mA\tEwe/V\t<I>/mA");
        header[1] = "Nb header lines : " + header.Count;
        foreach (string line in header)
        {
            text.Append(line).Append('\n');
        }

        for (int i = 0; i < trace.Count; i += 2)
        {
            RecordedRun.Row row = trace[i];
            double voltageV = row.VoltageV + (Gaussian(noise) * NoiseMv / 1000);
            string current = row.CurrentMA.ToString("0.0000", CultureInfo.InvariantCulture);
            text.Append(row.TimeS.ToString("0.00", CultureInfo.InvariantCulture)).Append('\t').Append(current).Append('\t')
                .Append(voltageV.ToString("0.00000", CultureInfo.InvariantCulture)).Append('\t').Append(current).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A standard normal draw (Box-Muller); 1 - NextDouble() keeps the logarithm's argument above 0.</summary>
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
