namespace Edge.Core.Tests.Support;

/// <summary>
/// Synthetic cell voltages (mV) for symmetric cells, whose voltage is the overpotential: 0 V at rest.
/// Numbers come from the seeds: 150 ohm cm2 on the [W] 0.3848 cm2 O-ring area is 389.8 ohm, so the
/// default 385 uA pulse (1 mA/cm2) shows a 150 mV ohmic step.
/// </summary>
public static class SyntheticCells
{
    /// <summary>150 ohm cm2 / 0.3848 cm2 = 389.8 ohm = 0.3898 mV per uA.</summary>
    public const double OhmicMvPerUa = 150.0 / 0.3848 / 1000.0;

    /// <summary>
    /// Healthy diffusion-limited cell: during a pulse V = I R + k sqrt(t) (concave, the Sand/Cottrell
    /// shape), at rest the superposition k (sqrt(t - t_start) - sqrt(t - t_end)), which decays like t^-1/2
    /// (cell-model.md). <paramref name="diffusionMvPerSqrtS"/> is k at 385 uA, scaled with the current.
    /// </summary>
    public static double Healthy(CellView cell, double diffusionMvPerSqrtS = 20.0)
    {
        double k = diffusionMvPerSqrtS * cell.PulseCurrentUa / 385.0;
        if (cell.InPulse)
        {
            return (cell.CurrentUa * OhmicMvPerUa) + (k * Math.Sqrt(cell.SincePulseStartMs / 1000.0));
        }

        if (cell.SincePulseEndMs < 0)
        {
            return 0.0;
        }

        return k * (Math.Sqrt(cell.SincePulseStartMs / 1000.0) - Math.Sqrt(cell.SincePulseEndMs / 1000.0));
    }
}
