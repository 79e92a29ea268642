// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Boards;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// The board's cell resolution against the detectors' floors (<see cref="BoardCellResolution"/>) at the noise the run
/// simulates: the scenario's measurement.adcNoiseCounts over its adcReadingsPerSample, else the board's. edge-sim board
/// judges at the ESP32's typical noise; a run that sets another judges at its own, and with none warns of nothing. The
/// device cannot see it (the floors are its configuration, the noise is the simulation's), so it is the simulator's
/// warning, beside the scenario's fields without effect.
/// </summary>
public static class ScenarioBoardResolution
{
    /// <summary>One warning per cell channel of the scenario's board too coarse at the run's noise; empty without a board.</summary>
    public static IReadOnlyList<string> Warnings(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Measurement.BoardDefinition is not Edge.Core.Boards.BoardDefinition board)
        {
            return Array.Empty<string>();
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        int? readingsOverride = scenario.Measurement.AdcReadingsPerSample;
        BoardCellResolution.ReadingNoise noise = new BoardCellResolution.ReadingNoise(
            scenario.Measurement.AdcNoiseCounts,
            "the run's " + scenario.Measurement.AdcNoiseCounts.ToString("0.###", inv) + " counts of reading noise (measurement.adcNoiseCounts)",
            readingsOverride ?? board.AdcReadingsPerSample,
            readingsOverride != null ? "measurement.adcReadingsPerSample" : "adc_readings_per_sample",
            "raise the board's divider_ratio, or the readings a sample (adc_readings_per_sample, measurement.adcReadingsPerSample)",
            "computed from board '" + board.Name + "', the scenario's measurement noise and the controller's detector floors");
        return BoardCellResolution.Warnings(board, ScenarioCompiler.Compile(scenario), noise);
    }
}
