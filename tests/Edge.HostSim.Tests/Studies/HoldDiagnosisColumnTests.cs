// Licensed under the MIT License.

using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Edge.HostSim.Studies;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A variant whose module ends in hold says which fault held it in study.csv and the sweep's files (as summary.json's
/// holdDiagnosis), not only the diagnosis' family; a variant that ended otherwise leaves the column empty.
/// </summary>
public sealed class HoldDiagnosisColumnTests
{
    private static Scenario Cell(string faults) => ScenarioLoader.Parse("""
        { "name": "hold-column", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 40,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "act" },
          "faults": [FAULTS] }
        """.Replace("FAULTS", faults, StringComparison.Ordinal));

    [Fact]
    public void StudyCsvNamesTheDiagnosisThatHeldTheModule()
    {
        // A hard short half way through the fifth pulse: the module is isolated and held; the healthy one runs to the limit.
        SimulationResult held = Run(Cell("""{ "atS": 24.5, "module": 0, "cell": 0, "kind": "hardShort" }"""));
        SimulationResult healthy = Run(Cell(string.Empty));
        SimulationEvent hard = Assert.Single(held.Events, e => e.Kind == "hardShort");
        StudySpec spec = new StudySpec { Name = "hold-column" };
        List<StudyRow> rows = new List<StudyRow>
        {
            StudyRow.From(new StudyVariant { Index = 0, Scenario = Cell(string.Empty) }, held),
            StudyRow.From(new StudyVariant { Index = 1, Scenario = Cell(string.Empty) }, healthy),
        };

        string[] lines = StudyTable.Csv(spec, rows).TrimEnd('\n').Split('\n');

        string[] header = lines[0].Split(',');
        int stop = Array.IndexOf(header, "stopReason");
        int diagnosis = Array.IndexOf(header, "holdDiagnosis");
        Assert.Equal(stop + 1, diagnosis);
        Assert.Equal(new[] { "hardShort", hard.Diagnosis }, lines[1].Split(',')[stop..(diagnosis + 1)]);
        Assert.Equal(new[] { "running", string.Empty }, lines[2].Split(',')[stop..(diagnosis + 1)]);
        Assert.Equal("hardShort (" + hard.Diagnosis + ")", rows[0].StopText);
    }

    [Fact]
    public void SweepCsvAndTableNameTheDiagnosisThatHeldTheModule()
    {
        Scenario scenario = Cell("""{ "atS": 24.5, "module": 0, "cell": 0, "kind": "hardShort" }""");
        SimulationResult held = Run(scenario);
        string diagnosis = Assert.Single(held.Events, e => e.Kind == "hardShort").Diagnosis!;
        string folder = Path.Combine(Path.GetTempPath(), "edge-hold-column-" + Guid.NewGuid().ToString("N"));
        try
        {
            SweepOutputWriter.WriteAll(folder, "hold column", new[] { new SweepPoint(scenario, 5, held) });

            string[] csv = File.ReadAllLines(Path.Combine(folder, SweepOutputWriter.CsvFile));
            Assert.StartsWith("restS,capacityMAhPerCm2,dutyCycle,stopReason,holdDiagnosis,", csv[0], StringComparison.Ordinal);
            Assert.Equal(new[] { "hardShort", diagnosis }, csv[1].Split(',')[3..5]);
            Assert.Contains("| hardShort (" + diagnosis + ") |", File.ReadAllText(Path.Combine(folder, SweepOutputWriter.MarkdownFile)), StringComparison.Ordinal);
            Assert.Contains("hardShort (" + diagnosis + ")", File.ReadAllText(Path.Combine(folder, SweepOutputWriter.ReportFile)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SimulationResult Run(Scenario scenario) => new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
}
