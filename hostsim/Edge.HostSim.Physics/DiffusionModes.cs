namespace Edge.HostSim.Physics;

/// <summary>
/// Eigen-modes of the interfacial depletion layer d theta/dt = (1/tau) d2 theta/d xi2 with the flux u imposed
/// at xi = 0 and theta(1) = 0. Surface depletion theta_s = sum_n x_n; for a constant u over a step each mode
/// is exact: x_n &lt;- e_n (x_n - a_n u) + a_n u, e_n = exp(-lambda_n dt), lambda_n = ((n + 1/2) pi)^2 / tau,
/// a_n = 2 / ((n + 1/2) pi)^2. Modes beyond the kept ones relax within a small fraction of the step, so their
/// sum is taken quasi-static: tail weight 1 - sum of the kept a_n (the a_n sum to 1).
/// </summary>
public static class DiffusionModes
{
    /// <summary>
    /// lambda_N dt above which a mode is treated as quasi-static: exp(-9) = 1.2e-4 of a mode whose weight is
    /// under 2 % of the total, so the surface error right after a current change is below 3e-6.
    /// </summary>
    public const double QuasiStaticDecayExponent = 9.0;

    /// <summary>Fewest modes kept.</summary>
    public const int MinModes = 8;

    /// <summary>Most modes kept.</summary>
    public const int MaxModes = 256;

    /// <summary>Weight a_n of mode n in the surface depletion.</summary>
    public static double Weight(int n)
    {
        double k = (n + 0.5) * Math.PI;
        return 2.0 / (k * k);
    }

    /// <summary>Decay rate lambda_n in 1/s.</summary>
    public static double Rate(int n, double tauS)
    {
        double k = (n + 0.5) * Math.PI;
        return k * k / tauS;
    }

    /// <summary>Modes needed so that the first dropped mode is quasi-static at the given step, padded to the vector width.</summary>
    public static int CountFor(double largestTauS, double stepS, int requested)
    {
        int count = requested;
        if (count <= 0)
        {
            double kMin = Math.Sqrt(QuasiStaticDecayExponent * largestTauS / stepS) / Math.PI - 0.5;
            count = Math.Clamp((int)Math.Ceiling(kMin), MinModes, MaxModes);
        }

        int width = System.Numerics.Vector<double>.Count;
        return (count + width - 1) / width * width;
    }

    /// <summary>Quasi-static tail weight for the first <paramref name="count"/> modes.</summary>
    public static double TailWeight(int count)
    {
        double sum = 0;
        for (int n = 0; n < count; n++)
        {
            sum += Weight(n);
        }

        return Math.Max(0.0, 1.0 - sum);
    }

    /// <summary>Fills the decay factors e_n = exp(-lambda_n dt) for one cell.</summary>
    public static void FillDecay(Span<double> decay, double tauS, double stepS)
    {
        for (int n = 0; n < decay.Length; n++)
        {
            decay[n] = Math.Exp(-Rate(n, tauS) * stepS);
        }
    }

    /// <summary>Fills the weights a_n (the same for every tau).</summary>
    public static void FillWeights(Span<double> weights)
    {
        for (int n = 0; n < weights.Length; n++)
        {
            weights[n] = Weight(n);
        }
    }
}
