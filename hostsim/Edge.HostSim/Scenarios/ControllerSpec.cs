// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Scenario section "controller": mode and optional overrides of the core's configuration.</summary>
public sealed class ControllerSpec
{
    /// <summary>True: act mode (detectors change what the controller does); false: observe.</summary>
    public bool Act { get; set; } = true;

    /// <summary>Null: the core's default (0.4 mA/cm2).</summary>
    public double? PlatingCriticalMAPerCm2 { get; set; }

    /// <summary>Adaptive-rest settle slope override, uV/s.</summary>
    public int? SettledSlopeUvPerS { get; set; }

    /// <summary>Depletion CUSUM levels override, mV.</summary>
    public int? CusumInfoMv { get; set; }

    public int? CusumWarningMv { get; set; }

    public int? CusumFaultMv { get; set; }

    /// <summary>
    /// Act mode: percentage each depletion reaction lowers the pulse current by. Null: the core's default (20 %);
    /// a board with a module without a current-setpoint output needs 0.
    /// </summary>
    public int? CurrentReductionPercent { get; set; }

    /// <summary>Set: pulse tuning on (act mode), pulses shortened on depletion warnings down to this length, s.</summary>
    public double? MinimumPulseS { get; set; }

    /// <summary>
    /// The healthy cell's resistance the hard-short test expects, ohm cm2. Null: the preset's own
    /// (electrolyte plus interface), so a K cell at 21 ohm cm2 is not judged by NASICON's 150.
    /// </summary>
    public double? NominalResistanceOhmCm2 { get; set; }

    public object Clone() => MemberwiseClone();
}
