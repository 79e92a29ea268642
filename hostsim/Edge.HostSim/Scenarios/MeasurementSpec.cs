// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Scenario section "measurement": the virtual measurement chain between the cells and the core.</summary>
public sealed class MeasurementSpec
{
    /// <summary>
    /// Null: the simple chain below (noise, quantisation, rails in mV). "virtual": the virtual ESP32 board
    /// (ADC counts through the core's board conversion). Otherwise a board definition file.
    /// </summary>
    public string? Board { get; set; }

    /// <summary>The parsed board when <see cref="Board"/> is set.</summary>
    public Edge.Core.Boards.BoardDefinition? BoardDefinition { get; set; }

    /// <summary>
    /// The text of the board file <see cref="Board"/> names (null for "virtual"): a study records it, so that its
    /// folder is read without the file and a changed file is told from the one its results were measured through.
    /// </summary>
    public string? BoardText { get; set; }

    /// <summary>Board chains: Gaussian ADC noise in counts ("a few LSB").</summary>
    public double AdcNoiseCounts { get; set; } = 2.0;

    /// <summary>Board chains: ADC readings averaged into each sample, 1-64; null: the board's <c>adc_readings_per_sample</c>.</summary>
    public int? AdcReadingsPerSample { get; set; }

    /// <summary>Voltage quantum, mV: a 12-bit ADC over about 0.15-3.1 V through a divider is about 1.6 mV per count (cell-model.md).</summary>
    public double VoltageLsbMv { get; set; } = 1.6;

    /// <summary>Gaussian voltage noise, mV (standard deviation): "a few LSB".</summary>
    public double VoltageNoiseMv { get; set; } = 2.0;

    /// <summary>Gaussian current noise, uA.</summary>
    public double CurrentNoiseUa { get; set; } = 0.5;

    /// <summary>
    /// Voltage channel range, mV: readings beyond it clip and report Saturated. 6 V: a divider sized above the
    /// model's 5 V polarisation ceiling, so a cell running into the 3 V cut-off is still read (a saturated
    /// reading is invalid and the core cannot see the cut-off through it).
    /// </summary>
    public int VoltageRailMv { get; set; } = 6000;

    /// <summary>
    /// Board chains: the simulated unit's ADC Vref, mV (Espressif: 1000-1200 mV between chips); null draws
    /// it from the scenario seed, so every seed is another unit.
    /// </summary>
    public double? AdcVrefMv { get; set; }

    /// <summary>
    /// Board chains: the unit is calibrated through the per-unit calibration workflow before the run (true),
    /// or runs on the board's synthetic calibration (false): then the controller only watches, no switch closes.
    /// </summary>
    public bool UnitCalibrated { get; set; } = true;

    public MeasurementSpec Clone() => (MeasurementSpec)MemberwiseClone();
}
