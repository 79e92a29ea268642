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

    /// <summary>No spread.</summary>
    public static CellVariation None => new(1.0, 1.0, 1.0);

    /// <summary>Multiplier on <see cref="CellParameters.ILim0MAPerCm2"/>.</summary>
    public double ILimScale { get; }

    /// <summary>Multiplier on <see cref="CellParameters.TauS"/>.</summary>
    public double TauScale { get; }

    /// <summary>Multiplier on <see cref="CellParameters.ROhmOhmCm2"/>.</summary>
    public double ROhmScale { get; }
}
