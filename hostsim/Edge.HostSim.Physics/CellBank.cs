namespace Edge.HostSim.Physics;

/// <summary>
/// Many cells of one preset, stored as flat arrays (hot scalars per cell together, diffusion modes per cell
/// contiguous, cold shunt state apart) and stepped with a fixed time step (a variable
/// step takes a slower path). Current density in mA/cm2, &gt; 0 strips the anode, &lt; 0 plates it; the voltage
/// is OCV plus polarisation in V (positive while stripping). Allocation-free per step.
/// </summary>
public sealed partial class CellBank
{
    private const double FaradayCPerMol = 96485.33212;
    private const double GasConstantJPerMolK = 8.314462618;
    private const double SecondsPerHour = 3600.0;

    private readonly CellParameters _p;
    private readonly int _modes;
    private readonly double _tailWeight;

    // Hot per-cell scalars (spread constants and state) together; modes contiguous per cell: [cell * _modes + n].
    private readonly CellState[] _cells;
    private readonly double[] _modeState;
    private readonly double[] _decay;
    private readonly double[] _weights;
    private readonly double[] _altDecay;

    // Resting modes below this size may decay into the subnormal range (see GradualUnderflow).
    private readonly double _underflowGuard;

    // Cold per-cell shunt state (touched only while a shunt or filament is active).
    private readonly double[] _eventConductance;
    private readonly double[] _eventRemainingS;
    private readonly double[] _injectedConductance;
    private readonly double[] _injectedMeanOnS;
    private readonly double[] _injectedMeanOffS;
    private readonly double[] _injectedRemainingS;
    private readonly bool[] _injectedOn;
    private readonly ulong[] _rng;

    // Shared constants.
    private readonly double _thermalV;
    private readonly double _contactVPerMA;
    private readonly double _twoI0;
    private readonly double _decayFast;
    private readonly double _decaySlow;
    private readonly double _decayRealloy;
    private readonly double _decayVoid;
    private readonly double _decayCrust;
    private readonly double _crustRate;
    private readonly double _crustExponent;
    private readonly double _crustOnset;
    private readonly bool _hasCrustStage;
    private readonly double _voidOnset;
    private readonly double _voidRate;
    private readonly double _voidSupplyExponent;
    private readonly double _voidRefillPerMAh;
    private readonly double _minContact;
    private readonly double _w0;
    private readonly double _wMin;
    private readonly bool _isAlloy;
    private readonly double _naCapacityMAh;
    private readonly double _compositionUpdateMAh;
    private readonly double _ocvV;
    private readonly double _maxPolarisationV;
    private readonly double _contactExponent;
    private readonly double _precursorOnset;
    private readonly double _precursorRate;
    private readonly double _precipitationRate;
    private readonly double _slowShare;
    private readonly double _maxBlocked;
    private readonly double _refillPerMAh;
    private readonly double _platingCritical;
    private readonly double _filamentRate;
    private readonly double _filamentExponent;
    private readonly double _filamentMaxRate;
    private readonly double _slowExcessCap;
    private readonly double _depositFilamentRate;
    private readonly double _constrictionOnset;
    private readonly double _constrictionRate;
    private readonly double _constrictionRefillPerMAh;
    private readonly double _depositNucleationMAh;
    private readonly double _depositFocusing;

    /// <summary>Creates <paramref name="cellCount"/> identical fresh cells.</summary>
    public CellBank(CellParameters parameters, int cellCount, double stepS, ulong seed = 1)
        : this(parameters, cellCount, stepS, ReadOnlySpan<CellVariation>.Empty, seed)
    {
    }

    /// <summary>Creates fresh cells; <paramref name="variations"/> (empty or one per cell) scales i_lim0, tau and R_ohm per cell.</summary>
    public CellBank(CellParameters parameters, int cellCount, double stepS, ReadOnlySpan<CellVariation> variations, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellCount);
        if (!(stepS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stepS), stepS, "The time step must be positive.");
        }

        if (!variations.IsEmpty && variations.Length != cellCount)
        {
            throw new ArgumentException("Give one variation per cell or none.", nameof(variations));
        }

        parameters.Validate();
        _p = parameters.Clone();
        Count = cellCount;
        StepS = stepS;

        _cells = new CellState[cellCount];
        double largestTau = 0;
        for (int c = 0; c < cellCount; c++)
        {
            CellVariation v = variations.IsEmpty ? CellVariation.None : variations[c];
            _cells[c].ILim0 = _p.ILim0MAPerCm2 * v.ILimScale;
            _cells[c].TauS = _p.TauS * v.TauScale;
            _cells[c].ROhmVPerMA = _p.ROhmOhmCm2 * v.ROhmScale * 1e-3;
            largestTau = Math.Max(largestTau, _cells[c].TauS);
        }

        _modes = DiffusionModes.CountFor(largestTau, stepS, _p.ModeCount);
        _tailWeight = DiffusionModes.TailWeight(_modes);
        _modeState = new double[cellCount * _modes];
        _decay = new double[cellCount * _modes];
        _weights = new double[_modes];
        DiffusionModes.FillWeights(_weights);
        _altDecay = new double[cellCount * _modes];
        for (int c = 0; c < cellCount; c++)
        {
            DiffusionModes.FillDecay(_decay.AsSpan(c * _modes, _modes), _cells[c].TauS, stepS);
        }

        // Only a speed matter (any lane may take either product): capped so that a bank with vanishing decay
        // factors does not send every small mode down the slow lane.
        _underflowGuard = Math.Min(GradualUnderflow.GuardFor(_decay), 1e-250);

        _eventConductance = new double[cellCount];
        _eventRemainingS = new double[cellCount];
        _injectedConductance = new double[cellCount];
        _injectedMeanOnS = new double[cellCount];
        _injectedMeanOffS = new double[cellCount];
        _injectedRemainingS = new double[cellCount];
        _injectedOn = new bool[cellCount];
        _rng = new ulong[cellCount];

        _thermalV = GasConstantJPerMolK * _p.TemperatureK / FaradayCPerMol;
        _contactVPerMA = _p.ContactResistanceOhmCm2 * 1e-3;
        _twoI0 = 2.0 * _p.ExchangeCurrentDensityMAPerCm2;
        _decayFast = Math.Exp(-stepS / _p.TauFastRecoveryS);
        _decaySlow = Math.Exp(-stepS / _p.TauSlowRecoveryS);
        _decayRealloy = Math.Exp(-stepS / _p.TauRealloyS);
        _decayVoid = Math.Exp(-stepS / _p.TauVoidRecoveryS);
        _decayCrust = Math.Exp(-stepS / _p.TauCrustRecoveryS);
        _crustRate = _p.CrustRatePerS;
        _crustExponent = _p.CrustExponent;
        _crustOnset = _p.CrustOnsetDepletion;
        _hasCrustStage = _crustRate > 0;
        _voidOnset = _p.VoidOnsetDemand;
        _voidRate = _p.VoidRatePerS;
        _voidSupplyExponent = _p.VoidSupplyExponent;
        _voidRefillPerMAh = 1.0 / _p.LastingRefillChargeMAhPerCm2;
        _minContact = _p.MinContactFraction;
        _w0 = _p.InitialNaMassFraction;
        _wMin = _p.LiquidusNaMassFraction;
        _isAlloy = _p.Anode == AnodeKind.LiquidAlloy;
        _naCapacityMAh = _p.NaCapacityMAhPerCm2;

        // Composition moves slowly: refresh i_lim and the c_s bounds after this much charge (error below 1e-5).
        _compositionUpdateMAh = _isAlloy ? 1e-6 * _p.NaCapacityMAhPerCm2 : 1e-4 * _p.MetalDepletionKneeMAhPerCm2;
        _ocvV = _p.OpenCircuitVoltageV;
        _maxPolarisationV = _p.MaxPolarisationV;
        _contactExponent = _p.LimitContactExponent;
        _precursorOnset = _p.PrecursorOnsetDepletion;
        _precursorRate = _p.PrecursorRatePerS;
        _precipitationRate = _p.PrecipitationRatePerS;
        _slowShare = _p.SlowDamageFraction;
        _maxBlocked = 1.0 - _p.MinContactFraction;
        _refillPerMAh = 1.0 / _p.VoidRefillChargeMAhPerCm2;
        _platingCritical = _p.PlatingCriticalCurrentMAPerCm2;
        _filamentRate = _p.FilamentRatePerMAPerCm2S;
        _filamentExponent = _p.FilamentExcessExponent;
        _filamentMaxRate = _p.FilamentMaxRatePerS > 0 ? _p.FilamentMaxRatePerS : double.PositiveInfinity;
        _depositFilamentRate = _p.DepositFilamentRatePerMAPerCm2S;
        _constrictionOnset = _p.ConstrictionOnsetDemand;
        _constrictionRate = _p.ConstrictionRatePerS;
        _constrictionRefillPerMAh = 1.0 / _p.ConstrictionRefillChargeMAhPerCm2;
        _depositNucleationMAh = _p.DepositNucleationChargeMAhPerCm2;
        _depositFocusing = _p.DepositCurrentFocusing;
        _slowExcessCap = _p.SlowDamageMaxExcessDepletion > 0 ? _p.SlowDamageMaxExcessDepletion : double.PositiveInfinity;

        ulong seedState = seed;
        for (int c = 0; c < cellCount; c++)
        {
            _rng[c] = SplitMix64.Next(ref seedState);
            ResetState(c);
        }
    }

    /// <summary>Number of cells.</summary>
    public int Count { get; }

    /// <summary>Nominal time step, s (the fast path).</summary>
    public double StepS { get; }

    /// <summary>Diffusion modes kept per cell.</summary>
    public int ModeCount => _modes;

    /// <summary>Open-circuit voltage of every cell, V (the rest voltage a fresh cell returns to).</summary>
    public double OpenCircuitVoltageV => _ocvV;

    /// <summary>A copy of the parameters the bank was built with.</summary>
    public CellParameters Parameters => _p.Clone();

    /// <summary>Normalised surface depletion theta_s (0 fresh, 1 exhausted).</summary>
    public double SurfaceDepletion(int cell) => _cells[cell].Theta;

    /// <summary>Contact fraction A = 1 - phi_f - phi_s.</summary>
    public double ContactFraction(int cell) => _cells[cell].Contact;

    /// <summary>Fast-recovering blocked fraction phi_f.</summary>
    public double FastBlockedFraction(int cell) => _cells[cell].PhiFast;

    /// <summary>Slow-recovering blocked fraction phi_s.</summary>
    public double SlowBlockedFraction(int cell) => _cells[cell].PhiSlow;

    /// <summary>
    /// Net charge passed through the anode's interface in the stripping direction so far (plating counts negative; a
    /// shunt's current not), mAh/cm2, including charge forced past the anode's Na (which takes none from it).
    /// </summary>
    public double StrippedChargeMAhPerCm2(int cell) => _cells[cell].StrippedMAh;

    /// <summary>Usable metal left on a metal anode, mAh/cm2, never below 0 (alloys: NaN).</summary>
    public double MetalReservoirMAhPerCm2(int cell) => _p.Anode == AnodeKind.Metal ? _cells[cell].MetalMAh : double.NaN;

    /// <summary>
    /// Na left in a liquid-alloy anode, mAh/cm2: the inventory less the Na drawn, never below 0; plating adds to it
    /// (metals: NaN, see <see cref="MetalReservoirMAhPerCm2"/>).
    /// </summary>
    public double AlloyNaLeftMAhPerCm2(int cell) => _isAlloy ? _naCapacityMAh - _cells[cell].NaDrawnMAh : double.NaN;

    /// <summary>Limiting current of the fresh contact at the present composition/reservoir, mA/cm2.</summary>
    public double LimitingCurrentMAPerCm2(int cell) => _cells[cell].ILim0 * _cells[cell].LimitFactor;

    /// <summary>Na piled up at the interface by plating (re-alloys slowly), mAh/cm2.</summary>
    public double PlatingAccumulationMAhPerCm2(int cell) => _cells[cell].PlatedAccumulationMAh;

    /// <summary>Everything plated onto the anode so far, mAh/cm2 (conditions a metal anode's dead share).</summary>
    public double PlatedTotalMAhPerCm2(int cell) => _cells[cell].PlatedTotalMAh;

    /// <summary>Lasting interfacial damage phi_v (voids, K patches; recovers over tens of minutes): narrows the current path.</summary>
    public double VoidFraction(int cell) => _cells[cell].PhiVoid;

    /// <summary>Share of the interface narrowed by stripping-widened voids (constriction), 0..1.</summary>
    public double ConstrictionFraction(int cell) => _cells[cell].Constriction;

    /// <summary>
    /// K precipitate built up towards a closed crust, 0..1 (at 1 the precipitation runs away to the cut-off; re-dissolves
    /// over hours once the surface is Na-rich again).
    /// </summary>
    public double CrustProgress(int cell) => _cells[cell].Crust;

    /// <summary>Contact fraction through which the liquid supplies Na (lasting damage counted with its supply exponent).</summary>
    public double SupplyContactFraction(int cell) => SupplyContact(in _cells[cell]);

    /// <summary>Share of the area holding Na metal that plating deposited into stripping voids (re-alloys over hours).</summary>
    public double DepositFraction(int cell) => _cells[cell].DepositFraction;

    /// <summary>Filament progress L, 0..1 (soft shorts from the threshold on, hard short at 1).</summary>
    public double FilamentProgress(int cell) => _cells[cell].Filament;

    /// <summary>True once the cell is hard-shorted (latched).</summary>
    public bool IsHardShorted(int cell) => _cells[cell].HardShort;

    /// <summary>Hard shorts latched so far over all cells (grown or forced): a cheap check for a new one.</summary>
    public int HardShortCount { get; private set; }

    /// <summary>True while a soft-short spike or an injected shunt conducts.</summary>
    public bool IsShuntConducting(int cell) => _eventRemainingS[cell] > 0 || (_injectedConductance[cell] > 0 && _injectedOn[cell]);

    /// <summary>Voltage of the last step, V.</summary>
    public double VoltageV(int cell) => _cells[cell].VoltageV;

    /// <summary>Current through the cell's own interface in the last step (external minus shunt), mA/cm2.</summary>
    public double InternalCurrentMAPerCm2(int cell) => _cells[cell].InternalCurrent;

    /// <summary>
    /// Injects an external shunt across the cell (fault injection). <paramref name="meanOnS"/> &lt;= 0 makes it
    /// permanent; otherwise it switches on and off with exponentially distributed durations of the given means.
    /// </summary>
    public void InjectShunt(int cell, double resistanceOhmCm2, double meanOnS = 0, double meanOffS = 0)
    {
        if (!(resistanceOhmCm2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(resistanceOhmCm2), resistanceOhmCm2, "The shunt resistance must be positive.");
        }

        if (meanOnS > 0 && !(meanOffS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(meanOffS), meanOffS, "An intermittent shunt needs a positive mean off time.");
        }

        _injectedConductance[cell] = 1e3 / resistanceOhmCm2;
        _injectedMeanOnS[cell] = meanOnS;
        _injectedMeanOffS[cell] = meanOffS;
        _injectedOn[cell] = true;
        _injectedRemainingS[cell] = meanOnS > 0 ? ExponentialSample(cell, meanOnS) : double.PositiveInfinity;
        _cells[cell].Special = 1;
    }

    /// <summary>Removes an injected shunt (an intrinsic soft or hard short stays).</summary>
    public void ClearInjectedShunt(int cell)
    {
        _injectedConductance[cell] = 0;
        _injectedOn[cell] = false;
        UpdateSpecial(cell);
    }

    /// <summary>Forces a latched hard short (fault injection).</summary>
    public void ForceHardShort(int cell)
    {
        if (!_cells[cell].HardShort)
        {
            HardShortCount++;
        }

        _cells[cell].HardShort = true;
        _cells[cell].Special = 1;
    }

    /// <summary>Returns one cell to the fresh state (keeps its spread and RNG stream).</summary>
    public void ResetState(int cell)
    {
        _modeState.AsSpan(cell * _modes, _modes).Clear();
        _cells[cell].AltStepS = 0;
        _cells[cell].StrippedMAh = 0;
        _cells[cell].NaDrawnMAh = 0;
        _cells[cell].MetalMAh = _p.InitialMetalMAhPerCm2;
        _cells[cell].Theta = 0;
        _cells[cell].PhiFast = 0;
        _cells[cell].PhiSlow = 0;
        _cells[cell].Contact = 1;
        _cells[cell].PhiVoid = 0;
        _cells[cell].Constriction = 0;
        _cells[cell].Crust = 0;
        _cells[cell].PlatedAccumulationMAh = 0;
        _cells[cell].PlatedTotalMAh = 0;
        _cells[cell].DepositFraction = 0;
        _cells[cell].Filament = 0;
        _cells[cell].InternalCurrent = 0;
        _cells[cell].HardShort = false;
        _eventConductance[cell] = 0;
        _eventRemainingS[cell] = 0;
        _injectedConductance[cell] = 0;
        _injectedOn[cell] = false;
        _cells[cell].Special = 0;
        UpdateComposition(cell);
        _cells[cell].SurfaceConcentration = 1;
        _cells[cell].VoltageV = _p.OpenCircuitVoltageV;
    }

    /// <summary>Refreshes i_lim's composition factor and the c_s bounds from the stripped charge / reservoir.</summary>
    private void UpdateComposition(int cell)
    {
        double fraction;
        if (_isAlloy)
        {
            // The Na drawn stops at the inventory (a cell held at the clamp takes no Na it does not have): below 0 the
            // bulk fraction would change sign and, past twice the inventory, read as fresh alloy.
            double remaining = Math.Max(0.0, 1.0 - _cells[cell].NaDrawnMAh / _p.NaCapacityMAhPerCm2);
            double na = _w0 * remaining;
            double wBulk = Math.Max(na / (na + 1.0 - _w0), _wMin * 1.000001);
            fraction = LimitingCurrentLaw.Factor(wBulk, _w0, _p.LimitShareHalfNaMassFraction, _p.LimitShareWidthNaMassFraction);

            // K-rich spots (the share the law counts out) nucleate the crust: it builds faster as the alloy loses Na.
            double rich = LimitingCurrentLaw.KRichFactor(wBulk, _w0, _p.LimitShareHalfNaMassFraction, _p.LimitShareWidthNaMassFraction);
            _cells[cell].CrustRate = _crustRate * Math.Pow(rich, _p.CrustCompositionExponent);

            // c_s is Na at the surface relative to the bulk: from the K-saturated liquid up to pure Na.
            _cells[cell].ConcentrationFloor = _wMin / wBulk;
            _cells[cell].ConcentrationCeiling = 1.0 / wBulk;
        }
        else
        {
            fraction = Math.Min(1.0, _cells[cell].MetalMAh / _p.MetalDepletionKneeMAhPerCm2);
            _cells[cell].CrustRate = _crustRate;
            _cells[cell].ConcentrationFloor = 1.0;
            _cells[cell].ConcentrationCeiling = 1.0;
        }

        fraction = Math.Max(fraction, 1e-9);
        _cells[cell].LimitFactor = _isAlloy || _p.LimitExponent == 1.0 ? fraction : Math.Pow(fraction, _p.LimitExponent);
        _cells[cell].CompositionChargeMAh = _isAlloy ? _cells[cell].NaDrawnMAh : _cells[cell].StrippedMAh;
    }

    private void UpdateSpecial(int cell)
    {
        bool special = _cells[cell].HardShort || _injectedConductance[cell] > 0 || _eventRemainingS[cell] > 0
            || _cells[cell].Filament >= _p.SoftShortFilamentThreshold;
        _cells[cell].Special = special ? (byte)1 : (byte)0;
    }

    private double ExponentialSample(int cell, double meanS) => -meanS * Math.Log(1.0 - SplitMix64.NextDouble(ref _rng[cell]));
}
