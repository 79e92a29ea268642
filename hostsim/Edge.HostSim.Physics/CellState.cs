namespace Edge.HostSim.Physics;

/// <summary>
/// Per-cell scalars of <see cref="CellBank"/>, kept together so that one step touches two or three cache
/// lines per cell (the diffusion modes live in their own contiguous array).
/// </summary>
internal struct CellState
{
    public double ILim0;
    public double TauS;
    public double ROhmVPerMA;
    public double StrippedMAh;
    public double NaDrawnMAh;
    public double MetalMAh;
    public double LimitFactor;
    public double ConcentrationFloor;
    public double ConcentrationCeiling;
    public double CompositionChargeMAh;
    public double Theta;
    public double SurfaceConcentration;
    public double PhiFast;
    public double PhiSlow;
    public double PhiVoid;
    public double Constriction;
    public double Crust;
    public double CrustRate;
    public double Contact;
    public double PlatedAccumulationMAh;
    public double PlatedTotalMAh;
    public double DepositFraction;
    public double Filament;
    public double VoltageV;
    public double InternalCurrent;
    public double AltStepS;
    public byte Special;
    public bool HardShort;
}
