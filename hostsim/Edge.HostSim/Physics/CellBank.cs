using System.Runtime.CompilerServices;

namespace Edge.HostSim.Physics;

/// <summary>
/// Many cells of one preset, stored as structure-of-arrays and stepped with a fixed time step (a variable
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

    // Per cell, modes contiguous: [cell * _modes + n].
    private readonly double[] _modeState;
    private readonly double[] _decay;
    private readonly double[] _gain;
    private readonly double[] _altDecay;
    private readonly double[] _altGain;
    private readonly double[] _altStepS;

    // Per-cell constants (spread applied).
    private readonly double[] _iLim0;
    private readonly double[] _tauS;
    private readonly double[] _rOhmVPerMA;

    // Per-cell state.
    private readonly double[] _strippedMAh;
    private readonly double[] _metalMAh;
    private readonly double[] _limitFactor;
    private readonly double[] _concentrationFloor;
    private readonly double[] _concentrationCeiling;
    private readonly double[] _compositionChargeMAh;
    private readonly double[] _theta;
    private readonly double[] _surfaceConcentration;
    private readonly double[] _phiFast;
    private readonly double[] _phiSlow;
    private readonly double[] _contact;
    private readonly double[] _platedAccumulationMAh;
    private readonly double[] _filament;
    private readonly double[] _voltageV;
    private readonly double[] _internalCurrent;
    private readonly byte[] _special;
    private readonly bool[] _hardShort;
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
    private readonly double _w0;
    private readonly double _wMin;
    private readonly bool _isAlloy;
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
    private readonly double _platingKept;

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

        _iLim0 = new double[cellCount];
        _tauS = new double[cellCount];
        _rOhmVPerMA = new double[cellCount];
        double largestTau = 0;
        for (int c = 0; c < cellCount; c++)
        {
            CellVariation v = variations.IsEmpty ? CellVariation.None : variations[c];
            _iLim0[c] = _p.ILim0MAPerCm2 * v.ILimScale;
            _tauS[c] = _p.TauS * v.TauScale;
            _rOhmVPerMA[c] = _p.ROhmOhmCm2 * v.ROhmScale * 1e-3;
            largestTau = Math.Max(largestTau, _tauS[c]);
        }

        _modes = DiffusionModes.CountFor(largestTau, stepS, _p.ModeCount);
        _tailWeight = DiffusionModes.TailWeight(_modes);
        _modeState = new double[cellCount * _modes];
        _decay = new double[cellCount * _modes];
        _gain = new double[cellCount * _modes];
        _altDecay = new double[cellCount * _modes];
        _altGain = new double[cellCount * _modes];
        _altStepS = new double[cellCount];
        for (int c = 0; c < cellCount; c++)
        {
            DiffusionModes.Fill(_decay.AsSpan(c * _modes, _modes), _gain.AsSpan(c * _modes, _modes), _tauS[c], stepS);
        }

        _strippedMAh = new double[cellCount];
        _metalMAh = new double[cellCount];
        _limitFactor = new double[cellCount];
        _concentrationFloor = new double[cellCount];
        _concentrationCeiling = new double[cellCount];
        _compositionChargeMAh = new double[cellCount];
        _theta = new double[cellCount];
        _surfaceConcentration = new double[cellCount];
        _phiFast = new double[cellCount];
        _phiSlow = new double[cellCount];
        _contact = new double[cellCount];
        _platedAccumulationMAh = new double[cellCount];
        _filament = new double[cellCount];
        _voltageV = new double[cellCount];
        _internalCurrent = new double[cellCount];
        _special = new byte[cellCount];
        _hardShort = new bool[cellCount];
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
        _w0 = _p.InitialNaMassFraction;
        _wMin = _p.LiquidusNaMassFraction;
        _isAlloy = _p.Anode == AnodeKind.LiquidAlloy;

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
        _platingKept = 1.0 - _p.PlatingInactiveFraction;

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

    /// <summary>A copy of the parameters the bank was built with.</summary>
    public CellParameters Parameters => _p.Clone();

    /// <summary>Normalised surface depletion theta_s (0 fresh, 1 exhausted).</summary>
    public double SurfaceDepletion(int cell) => _theta[cell];

    /// <summary>Contact fraction A = 1 - phi_f - phi_s.</summary>
    public double ContactFraction(int cell) => _contact[cell];

    /// <summary>Fast-recovering blocked fraction phi_f.</summary>
    public double FastBlockedFraction(int cell) => _phiFast[cell];

    /// <summary>Slow-recovering blocked fraction phi_s.</summary>
    public double SlowBlockedFraction(int cell) => _phiSlow[cell];

    /// <summary>Net charge stripped from the anode so far (plating counts negative), mAh/cm2.</summary>
    public double StrippedChargeMAhPerCm2(int cell) => _strippedMAh[cell];

    /// <summary>Usable metal left on a metal anode, mAh/cm2 (alloys: NaN).</summary>
    public double MetalReservoirMAhPerCm2(int cell) => _p.Anode == AnodeKind.Metal ? _metalMAh[cell] : double.NaN;

    /// <summary>Limiting current of the fresh contact at the present composition/reservoir, mA/cm2.</summary>
    public double LimitingCurrentMAPerCm2(int cell) => _iLim0[cell] * _limitFactor[cell];

    /// <summary>Na piled up at the interface by plating (re-alloys slowly), mAh/cm2.</summary>
    public double PlatingAccumulationMAhPerCm2(int cell) => _platedAccumulationMAh[cell];

    /// <summary>Filament progress L, 0..1 (soft shorts from the threshold on, hard short at 1).</summary>
    public double FilamentProgress(int cell) => _filament[cell];

    /// <summary>True once the cell is hard-shorted (latched).</summary>
    public bool IsHardShorted(int cell) => _hardShort[cell];

    /// <summary>True while a soft-short spike or an injected shunt conducts.</summary>
    public bool IsShuntConducting(int cell) => _eventRemainingS[cell] > 0 || (_injectedConductance[cell] > 0 && _injectedOn[cell]);

    /// <summary>Voltage of the last step, V.</summary>
    public double VoltageV(int cell) => _voltageV[cell];

    /// <summary>Current through the cell's own interface in the last step (external minus shunt), mA/cm2.</summary>
    public double InternalCurrentMAPerCm2(int cell) => _internalCurrent[cell];

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
        _special[cell] = 1;
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
        _hardShort[cell] = true;
        _special[cell] = 1;
    }

    /// <summary>Returns one cell to the fresh state (keeps its spread and RNG stream).</summary>
    public void ResetState(int cell)
    {
        _modeState.AsSpan(cell * _modes, _modes).Clear();
        _altStepS[cell] = 0;
        _strippedMAh[cell] = 0;
        _metalMAh[cell] = _p.InitialMetalMAhPerCm2;
        _theta[cell] = 0;
        _phiFast[cell] = 0;
        _phiSlow[cell] = 0;
        _contact[cell] = 1;
        _platedAccumulationMAh[cell] = 0;
        _filament[cell] = 0;
        _internalCurrent[cell] = 0;
        _hardShort[cell] = false;
        _eventConductance[cell] = 0;
        _eventRemainingS[cell] = 0;
        _injectedConductance[cell] = 0;
        _injectedOn[cell] = false;
        _special[cell] = 0;
        UpdateComposition(cell);
        _surfaceConcentration[cell] = 1;
        _voltageV[cell] = _p.OpenCircuitVoltageV;
    }

    /// <summary>Refreshes i_lim's composition factor and the c_s bounds from the stripped charge / reservoir.</summary>
    private void UpdateComposition(int cell)
    {
        double fraction;
        if (_isAlloy)
        {
            double remaining = 1.0 - _strippedMAh[cell] / _p.NaCapacityMAhPerCm2;
            double na = _w0 * remaining;
            double wBulk = Math.Max(na / (na + 1.0 - _w0), _wMin * 1.000001);
            fraction = (wBulk - _wMin) / (_w0 - _wMin);

            // c_s is Na at the surface relative to the bulk: from the K-saturated liquid up to pure Na.
            _concentrationFloor[cell] = _wMin / wBulk;
            _concentrationCeiling[cell] = 1.0 / wBulk;
        }
        else
        {
            fraction = Math.Min(1.0, _metalMAh[cell] / _p.MetalDepletionKneeMAhPerCm2);
            _concentrationFloor[cell] = 1.0;
            _concentrationCeiling[cell] = 1.0;
        }

        fraction = Math.Max(fraction, 1e-9);
        _limitFactor[cell] = _p.LimitExponent == 1.0 ? fraction : Math.Pow(fraction, _p.LimitExponent);
        _compositionChargeMAh[cell] = _strippedMAh[cell];
    }

    private void UpdateSpecial(int cell)
    {
        bool special = _hardShort[cell] || _injectedConductance[cell] > 0 || _eventRemainingS[cell] > 0
            || _filament[cell] >= _p.SoftShortFilamentThreshold;
        _special[cell] = special ? (byte)1 : (byte)0;
    }

    private double ExponentialSample(int cell, double meanS) => -meanS * Math.Log(1.0 - SplitMix64.NextDouble(ref _rng[cell]));
}
