// Licensed under the MIT License.

namespace Edge.HostSim.Pack;

/// <summary>
/// Stand-in physics used until the full cell model is wired in: the modal depletion layer of the
/// reduced-order model (exact for a constant current over a step), a charge-transfer term scaling as
/// 1/C_Na, fast contact loss once the layer is exhausted, and shunts. NaK50 fit: tau 3.5 s,
/// i_lim0 0.75 mA/cm2, R_ohm 150 ohm cm2 (reduced-order model notes, grid search on the [W] pulse table).
/// </summary>
public sealed class ReducedOrderCellBank : ICellBank
{
    private const int Modes = 40;
    private const double ThermalV = 0.025693;
    private const double ExchangeCurrentMAPerCm2 = 1.0;
    private const double PrecipitationRatePerS = 40.0;
    private const double FastRecoveryS = 10.0;
    private const double HardShortOhmCm2 = 1.0;
    private const double MaximumVoltageV = 4.0;

    private readonly double[] _modeState;
    private readonly double[] _gain;
    private readonly double[] _lambda;
    private readonly double[] _decay;
    private readonly double[] _iLim0;
    private readonly double[] _tauS;
    private readonly double[] _phi;
    private readonly double[] _voltageV;
    private readonly double[] _shuntMhoPerCm2;
    private readonly bool[] _hardShort;
    private readonly double _rOhmVPerMA;
    private double _decayStepS;

    public ReducedOrderCellBank(int count, double stepS, double iLim0MAPerCm2, double tauS, double rOhmOhmCm2, double[] iLimScale, double[] tauScale)
    {
        Count = count;
        StepS = stepS;
        _rOhmVPerMA = rOhmOhmCm2 * 1e-3;
        _modeState = new double[count * Modes];
        _gain = new double[Modes];
        _lambda = new double[count * Modes];
        _decay = new double[count * Modes];
        _iLim0 = new double[count];
        _tauS = new double[count];
        _phi = new double[count];
        _voltageV = new double[count];
        _shuntMhoPerCm2 = new double[count];
        _hardShort = new bool[count];
        for (int n = 0; n < Modes; n++)
        {
            double k = (n + 0.5) * Math.PI;
            _gain[n] = 2.0 / (k * k);
        }

        for (int c = 0; c < count; c++)
        {
            _iLim0[c] = iLim0MAPerCm2 * iLimScale[c];
            _tauS[c] = tauS * tauScale[c];
            for (int n = 0; n < Modes; n++)
            {
                double k = (n + 0.5) * Math.PI;
                _lambda[(c * Modes) + n] = k * k / _tauS[c];
            }
        }

        PrepareDecay(stepS);
    }

    public int Count { get; }

    public double StepS { get; }

    public double Step(int cell, double currentDensityMAPerCm2, double stepS)
    {
        if (stepS != _decayStepS)
        {
            PrepareDecay(stepS);
        }

        double i = currentDensityMAPerCm2;
        if (_hardShort[cell])
        {
            _voltageV[cell] = i * HardShortOhmCm2 * 1e-3;
            return _voltageV[cell];
        }

        // A shunt takes part of the external current: use the previous voltage (one fixed-point pass per step).
        double internalI = i - (_voltageV[cell] * 1e3 * _shuntMhoPerCm2[cell]);
        double contact = 1.0 - _phi[cell];
        double u = internalI / (contact * _iLim0[cell]);
        int baseIndex = cell * Modes;
        double theta = 0;
        for (int n = 0; n < Modes; n++)
        {
            double target = _gain[n] * u;
            double x = target + ((_modeState[baseIndex + n] - target) * _decay[baseIndex + n]);
            _modeState[baseIndex + n] = x;
            theta += x;
        }

        // Exhausted layer: K precipitates and blocks contact; at rest the blocked area heals.
        double phi = _phi[cell];
        if (theta >= 1.0 && internalI > 0)
        {
            phi += PrecipitationRatePerS * (theta - 1.0 + 0.01) * stepS;
        }
        else
        {
            phi *= Math.Exp(-stepS / FastRecoveryS);
        }

        _phi[cell] = phi > 0.95 ? 0.95 : phi;
        double cs = 1.0 - (theta * 0.76);
        if (cs < 1e-4)
        {
            cs = 1e-4;
        }

        double v = (internalI * _rOhmVPerMA) + (2 * ThermalV * Math.Asinh(internalI / (2 * ExchangeCurrentMAPerCm2 * contact * cs)));
        v += internalI >= 0 ? ThermalV * Math.Log(1.0 / cs) : 0;
        if (v > MaximumVoltageV)
        {
            v = MaximumVoltageV;
        }
        else if (v < -MaximumVoltageV)
        {
            v = -MaximumVoltageV;
        }

        _voltageV[cell] = v;
        return v;
    }

    public void InjectShunt(int cell, double resistanceOhmCm2, double meanOnS, double meanOffS)
    {
        _shuntMhoPerCm2[cell] = 1.0 / resistanceOhmCm2;
    }

    public void ClearInjectedShunt(int cell)
    {
        _shuntMhoPerCm2[cell] = 0;
    }

    public void ForceHardShort(int cell)
    {
        _hardShort[cell] = true;
    }

    private void PrepareDecay(double stepS)
    {
        for (int k = 0; k < _lambda.Length; k++)
        {
            _decay[k] = Math.Exp(-_lambda[k] * stepS);
        }

        _decayStepS = stepS;
    }
}
