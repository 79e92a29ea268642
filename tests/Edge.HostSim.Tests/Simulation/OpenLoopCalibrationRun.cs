// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The seed papers' cycler programmes as scenario JSON, run through the whole closed loop the way the issue asks for
/// calibration: open-loop (observe mode, fixed rests), 10 ms samples, 3 V cut-off, the [W] 7 mm O-ring area,
/// measurement noise on. The steps run once (<c>"repeat": false</c>): a scan or N cycles, then the module stops.
/// </summary>
internal static class OpenLoopCalibrationRun
{
    public const double AreaCm2 = 0.3848;

    /// <summary>Samples averaged at the start of a step: 0.05 s.</summary>
    private const int HeadSamples = 5;

    /// <summary>Samples averaged at the end of a step: the last second, which takes the 2 mV noise down to 0.2 mV.</summary>
    private const int TailSamples = 100;

    /// <summary>Loads the scenario; <paramref name="platingCriticalMAPerCm2"/> raises the core's plating cap (default 0.4).</summary>
    public static Scenario Scenario(string preset, IEnumerable<string> steps, double timeLimitS, double? platingCriticalMAPerCm2 = null)
    {
        string stepList = string.Join(", ", steps.Select(step => "\"" + step + "\""));
        string plating = platingCriticalMAPerCm2.HasValue ? ", \"platingCriticalMAPerCm2\": " + Number(platingCriticalMAPerCm2.Value) : string.Empty;
        return ScenarioLoader.Parse($$"""
            { "name": "open-loop-calibration", "seed": 1, "samplePeriodMs": 10, "timeLimitS": {{Number(timeLimitS)}},
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "{{preset}}", "areaCm2": {{Number(AreaCm2)}} },
              "protocol": { "steps": [ {{stepList}} ], "repeat": false, "rest": "fixed", "cutoffV": 3.0 },
              "controller": { "mode": "observe"{{plating}} } }
            """);
    }

    /// <summary>Runs the scenario and returns the result with the measured steps of module 0, cell 0.</summary>
    public static (SimulationResult Result, IReadOnlyList<MeasuredStep> Steps) Run(Scenario scenario)
    {
        var recorder = new MeasuredStepRecorder(HeadSamples, TailSamples);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false, Observer = recorder.Observe }).Run();
        recorder.Finish();
        return (result, recorder.Steps);
    }

    /// <summary>"Strip at 0.25 mA/cm2 for 40 s" (kind "Strip" or "Plate"), numbers invariant.</summary>
    public static string CurrentStep(string kind, double currentMAPerCm2, double durationS) =>
        kind + " at " + Number(currentMAPerCm2) + " mA/cm2 for " + Number(durationS) + " s";

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
