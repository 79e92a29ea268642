namespace Edge.HostSim.Physics;

/// <summary>
/// Per-cell multipliers on the preset, for cell-to-cell spread inside a pack: the limiting current and the
/// layer time constant dominate the pulse capacity, the electrolyte resistance shifts the pulse voltage.
/// </summary>
public readonly struct CellVariation
{
    /// <summary>Creates a variation; every multiplier must be positive.</summary>
    public CellVariation(double iLimScale, double tauScale, double rOhmScale = 1.0)
    {
        if (!(iLimScale > 0) || !(tauScale > 0) || !(rOhmScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(iLimScale), "Cell variation multipliers must be positive.");
        }

        ILimScale = iLimScale;
        TauScale = tauScale;
        ROhmScale = rOhmScale;
    }

    /// <summary>
    /// Deterministic spread for <paramref name="count"/> cells: log-normal multipliers with the given relative
    /// standard deviations (e.g. 0.02 for 2 %), so every multiplier stays positive and the median is 1.
    /// </summary>
    public static CellVariation[] CreateSpread(int count, ulong seed, double iLimRelativeSigma, double tauRelativeSigma, double rOhmRelativeSigma = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(iLimRelativeSigma >= 0) || !(tauRelativeSigma >= 0) || !(rOhmRelativeSigma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(iLimRelativeSigma), "Spreads must be zero or positive.");
        }

        var result = new CellVariation[count];
        ulong state = seed;
        for (int c = 0; c < count; c++)
        {
            result[c] = new CellVariation(
                Math.Exp(iLimRelativeSigma * Gaussian(ref state)),
                Math.Exp(tauRelativeSigma * Gaussian(ref state)),
                Math.Exp(rOhmRelativeSigma * Gaussian(ref state)));
        }

        return result;
    }

    /// <summary>No spread.</summary>
    public static CellVariation None => new(1.0, 1.0, 1.0);

    /// <summary>Multiplier on <see cref="CellParameters.ILim0MAPerCm2"/>.</summary>
    public double ILimScale { get; }

    /// <summary>Multiplier on <see cref="CellParameters.TauS"/>.</summary>
    public double TauScale { get; }

    /// <summary>Multiplier on <see cref="CellParameters.ROhmOhmCm2"/>.</summary>
    public double ROhmScale { get; }

    private static double Gaussian(ref ulong state)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        double u1 = 1.0 - SplitMix64.NextDouble(ref state);
        double u2 = SplitMix64.NextDouble(ref state);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
