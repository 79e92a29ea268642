using Edge.HostSim.Physics;

namespace Edge.HostSim.Tests.Physics;

/// <summary>
/// Test-side cycler: drives one cell of a bank with the seed papers' protocols at the bank's step (10 ms).
/// Rests are taken as one step of their full length: the model is exact for a piecewise-constant current
/// (checked in <see cref="CellModelInvariantTests"/>), which keeps the hours-long protocols fast.
/// </summary>
internal static class ProtocolDriver
{
    public const double StepS = 0.01;

    public static CellBank NewCell(string preset) => new(CellPresets.Get(preset), 1, StepS);

    /// <summary>Pulses of <paramref name="currentMAPerCm2"/> for pulseS, rest for restS, until the cut-off or the capacity limit.</summary>
    public static ProtocolResult StripPulses(CellBank bank, double currentMAPerCm2, double pulseS, double restS, double cutoffV, double capacityLimitMAhPerCm2)
    {
        int pulseSteps = (int)Math.Round(pulseS / bank.StepS);
        double ocv = bank.Parameters.OpenCircuitVoltageV;
        while (true)
        {
            for (int k = 0; k < pulseSteps; k++)
            {
                if (bank.Step(0, currentMAPerCm2) - ocv >= cutoffV)
                {
                    return new ProtocolResult(bank.StrippedChargeMAhPerCm2(0), true);
                }
            }

            if (bank.StrippedChargeMAhPerCm2(0) >= capacityLimitMAhPerCm2)
            {
                return new ProtocolResult(bank.StrippedChargeMAhPerCm2(0), false);
            }

            if (restS > 0)
            {
                bank.Step(0, 0.0, restS);
            }
        }
    }

    /// <summary>Constant stripping current until the cut-off or the capacity limit.</summary>
    public static ProtocolResult StripContinuous(CellBank bank, double currentMAPerCm2, double cutoffV, double capacityLimitMAhPerCm2)
    {
        double ocv = bank.Parameters.OpenCircuitVoltageV;
        while (bank.StrippedChargeMAhPerCm2(0) < capacityLimitMAhPerCm2)
        {
            if (bank.Step(0, currentMAPerCm2) - ocv >= cutoffV)
            {
                return new ProtocolResult(bank.StrippedChargeMAhPerCm2(0), true);
            }
        }

        return new ProtocolResult(bank.StrippedChargeMAhPerCm2(0), false);
    }

    /// <summary>
    /// [W] current scan: 0.01 mA/cm2 steps held 40 s each. Returns the first current at which the voltage hits
    /// the cut-off or the end-of-step voltage rises by more than three times the mean rise of the first ten steps
    /// (the "non-linear voltage rise"); NaN if neither happens up to <paramref name="maxCurrentMAPerCm2"/>.
    /// </summary>
    public static double StaircaseOnset(CellBank bank, double maxCurrentMAPerCm2, double cutoffV = 3.0)
    {
        const double StairStepMAPerCm2 = 0.01;
        const double HoldS = 40.0;
        int holdSteps = (int)Math.Round(HoldS / bank.StepS);
        double ocv = bank.Parameters.OpenCircuitVoltageV;
        double previous = 0;
        double baselineSum = 0;
        for (int k = 1; k * StairStepMAPerCm2 <= maxCurrentMAPerCm2 + 1e-9; k++)
        {
            double current = k * StairStepMAPerCm2;
            double v = 0;
            for (int s = 0; s < holdSteps; s++)
            {
                v = bank.Step(0, current) - ocv;
                if (v >= cutoffV)
                {
                    return current;
                }
            }

            double rise = v - previous;
            previous = v;
            if (k <= 10)
            {
                baselineSum += rise;
            }
            else if (rise > 3.0 * baselineSum / 10.0)
            {
                return current;
            }
        }

        return double.NaN;
    }

    /// <summary>Constant plating until a hard short or the capacity limit; returns the plated charge, mAh/cm2.</summary>
    public static ProtocolResult PlateUntilShort(CellBank bank, double currentMAPerCm2, double capacityLimitMAhPerCm2)
    {
        double start = bank.StrippedChargeMAhPerCm2(0);
        while (start - bank.StrippedChargeMAhPerCm2(0) < capacityLimitMAhPerCm2)
        {
            bank.Step(0, -currentMAPerCm2);
            if (bank.IsHardShorted(0))
            {
                return new ProtocolResult(start - bank.StrippedChargeMAhPerCm2(0), true);
            }
        }

        return new ProtocolResult(start - bank.StrippedChargeMAhPerCm2(0), false);
    }
}
