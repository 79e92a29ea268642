namespace Edge.HostSim.Physics;

/// <summary>
/// Name-based access to <see cref="CellParameters"/>: case-insensitive lookup, range-checked overrides
/// (e.g. "tauS=4", "iLim0MAPerCm2=0.7") and validation of a whole set.
/// </summary>
public static class CellParameterCatalog
{
    private static readonly CellParameterDescriptor[] s_descriptors =
    {
        new("Anode", 0, 1, p => (double)p.Anode, (p, v) => p.Anode = (AnodeKind)(int)v),
        new(nameof(CellParameters.InitialNaMassFraction), 0.13, 1.0, p => p.InitialNaMassFraction, (p, v) => p.InitialNaMassFraction = v),
        new(nameof(CellParameters.LiquidusNaMassFraction), 0.0, 0.5, p => p.LiquidusNaMassFraction, (p, v) => p.LiquidusNaMassFraction = v),
        new(nameof(CellParameters.NaCapacityMAhPerCm2), 0.01, 1e4, p => p.NaCapacityMAhPerCm2, (p, v) => p.NaCapacityMAhPerCm2 = v),
        new(nameof(CellParameters.InitialMetalMAhPerCm2), 0.0, 1e6, p => p.InitialMetalMAhPerCm2, (p, v) => p.InitialMetalMAhPerCm2 = v),
        new(nameof(CellParameters.MetalDepletionKneeMAhPerCm2), 1e-6, 10, p => p.MetalDepletionKneeMAhPerCm2, (p, v) => p.MetalDepletionKneeMAhPerCm2 = v),
        new(nameof(CellParameters.PlatingInactiveFraction), 0.0, 0.99, p => p.PlatingInactiveFraction, (p, v) => p.PlatingInactiveFraction = v),
        new(nameof(CellParameters.PlatingInactiveFractionConditioned), 0.0, 0.99, p => p.PlatingInactiveFractionConditioned, (p, v) => p.PlatingInactiveFractionConditioned = v),
        new(nameof(CellParameters.InactiveConditioningMAhPerCm2), 0.0, 1e6, p => p.InactiveConditioningMAhPerCm2, (p, v) => p.InactiveConditioningMAhPerCm2 = v),
        new(nameof(CellParameters.TauS), 1e-3, 1e5, p => p.TauS, (p, v) => p.TauS = v),
        new(nameof(CellParameters.ILim0MAPerCm2), 1e-4, 1e3, p => p.ILim0MAPerCm2, (p, v) => p.ILim0MAPerCm2 = v),
        new(nameof(CellParameters.LimitExponent), 0.1, 5, p => p.LimitExponent, (p, v) => p.LimitExponent = v),
        new(nameof(CellParameters.LimitShareHalfNaMassFraction), 0.0, 1.0, p => p.LimitShareHalfNaMassFraction, (p, v) => p.LimitShareHalfNaMassFraction = v),
        new(nameof(CellParameters.LimitShareWidthNaMassFraction), 1e-3, 1.0, p => p.LimitShareWidthNaMassFraction, (p, v) => p.LimitShareWidthNaMassFraction = v),
        new(nameof(CellParameters.LimitContactExponent), 0, 1, p => p.LimitContactExponent, (p, v) => p.LimitContactExponent = v),
        new(nameof(CellParameters.ModeCount), 0, 512, p => p.ModeCount, (p, v) => p.ModeCount = (int)v),
        new(nameof(CellParameters.OpenCircuitVoltageV), -5, 5, p => p.OpenCircuitVoltageV, (p, v) => p.OpenCircuitVoltageV = v),
        new(nameof(CellParameters.ROhmOhmCm2), 0, 1e5, p => p.ROhmOhmCm2, (p, v) => p.ROhmOhmCm2 = v),
        new(nameof(CellParameters.ContactResistanceOhmCm2), 0, 1e5, p => p.ContactResistanceOhmCm2, (p, v) => p.ContactResistanceOhmCm2 = v),
        new(nameof(CellParameters.ExchangeCurrentDensityMAPerCm2), 1e-4, 1e4, p => p.ExchangeCurrentDensityMAPerCm2, (p, v) => p.ExchangeCurrentDensityMAPerCm2 = v),
        new(nameof(CellParameters.TemperatureK), 200, 700, p => p.TemperatureK, (p, v) => p.TemperatureK = v),
        new(nameof(CellParameters.MaxPolarisationV), 0.1, 100, p => p.MaxPolarisationV, (p, v) => p.MaxPolarisationV = v),
        new(nameof(CellParameters.PrecipitationRatePerS), 0, 1e6, p => p.PrecipitationRatePerS, (p, v) => p.PrecipitationRatePerS = v),
        new(nameof(CellParameters.CrustRatePerS), 0, 1e6, p => p.CrustRatePerS, (p, v) => p.CrustRatePerS = v),
        new(nameof(CellParameters.CrustExponent), 0.5, 10, p => p.CrustExponent, (p, v) => p.CrustExponent = v),
        new(nameof(CellParameters.CrustOnsetDepletion), 0, 10, p => p.CrustOnsetDepletion, (p, v) => p.CrustOnsetDepletion = v),
        new(nameof(CellParameters.CrustCompositionExponent), 0, 10, p => p.CrustCompositionExponent, (p, v) => p.CrustCompositionExponent = v),
        new(nameof(CellParameters.TauCrustRecoveryS), 1e-3, 1e8, p => p.TauCrustRecoveryS, (p, v) => p.TauCrustRecoveryS = v),
        new(nameof(CellParameters.PrecursorOnsetDepletion), 0, 1, p => p.PrecursorOnsetDepletion, (p, v) => p.PrecursorOnsetDepletion = v),
        new(nameof(CellParameters.PrecursorRatePerS), 0, 1e3, p => p.PrecursorRatePerS, (p, v) => p.PrecursorRatePerS = v),
        new(nameof(CellParameters.SlowDamageFraction), 0, 1, p => p.SlowDamageFraction, (p, v) => p.SlowDamageFraction = v),
        new(nameof(CellParameters.SlowDamageMaxExcessDepletion), 0, 100, p => p.SlowDamageMaxExcessDepletion, (p, v) => p.SlowDamageMaxExcessDepletion = v),
        new(nameof(CellParameters.TauFastRecoveryS), 1e-3, 1e7, p => p.TauFastRecoveryS, (p, v) => p.TauFastRecoveryS = v),
        new(nameof(CellParameters.TauSlowRecoveryS), 1e-3, 1e8, p => p.TauSlowRecoveryS, (p, v) => p.TauSlowRecoveryS = v),
        new(nameof(CellParameters.VoidOnsetDemand), 0, 10, p => p.VoidOnsetDemand, (p, v) => p.VoidOnsetDemand = v),
        new(nameof(CellParameters.VoidRatePerS), 0, 1e3, p => p.VoidRatePerS, (p, v) => p.VoidRatePerS = v),
        new(nameof(CellParameters.TauVoidRecoveryS), 1e-3, 1e8, p => p.TauVoidRecoveryS, (p, v) => p.TauVoidRecoveryS = v),
        new(nameof(CellParameters.VoidSupplyExponent), 0, 1, p => p.VoidSupplyExponent, (p, v) => p.VoidSupplyExponent = v),
        new(nameof(CellParameters.LastingRefillChargeMAhPerCm2), 1e-6, 1e4, p => p.LastingRefillChargeMAhPerCm2, (p, v) => p.LastingRefillChargeMAhPerCm2 = v),
        new(nameof(CellParameters.VoidRefillChargeMAhPerCm2), 1e-6, 100, p => p.VoidRefillChargeMAhPerCm2, (p, v) => p.VoidRefillChargeMAhPerCm2 = v),
        new(nameof(CellParameters.MinContactFraction), 1e-9, 0.5, p => p.MinContactFraction, (p, v) => p.MinContactFraction = v),
        new(nameof(CellParameters.TauRealloyS), 1e-3, 1e8, p => p.TauRealloyS, (p, v) => p.TauRealloyS = v),
        new(nameof(CellParameters.PlatingCriticalCurrentMAPerCm2), 0, 1e3, p => p.PlatingCriticalCurrentMAPerCm2, (p, v) => p.PlatingCriticalCurrentMAPerCm2 = v),
        new(nameof(CellParameters.FilamentRatePerMAPerCm2S), 0, 1e3, p => p.FilamentRatePerMAPerCm2S, (p, v) => p.FilamentRatePerMAPerCm2S = v),
        new(nameof(CellParameters.FilamentExcessExponent), 0, 4, p => p.FilamentExcessExponent, (p, v) => p.FilamentExcessExponent = v),
        new(nameof(CellParameters.FilamentMaxRatePerS), 0, 1e6, p => p.FilamentMaxRatePerS, (p, v) => p.FilamentMaxRatePerS = v),
        new(nameof(CellParameters.ConstrictionOnsetDemand), 0, 1e3, p => p.ConstrictionOnsetDemand, (p, v) => p.ConstrictionOnsetDemand = v),
        new(nameof(CellParameters.ConstrictionRatePerS), 0, 1e3, p => p.ConstrictionRatePerS, (p, v) => p.ConstrictionRatePerS = v),
        new(nameof(CellParameters.ConstrictionRefillChargeMAhPerCm2), 1e-6, 1e4, p => p.ConstrictionRefillChargeMAhPerCm2, (p, v) => p.ConstrictionRefillChargeMAhPerCm2 = v),
        new(nameof(CellParameters.DepositCurrentFocusing), 0, 1e3, p => p.DepositCurrentFocusing, (p, v) => p.DepositCurrentFocusing = v),
        new(nameof(CellParameters.DepositNucleationChargeMAhPerCm2), 0, 1e4, p => p.DepositNucleationChargeMAhPerCm2, (p, v) => p.DepositNucleationChargeMAhPerCm2 = v),
        new(nameof(CellParameters.DepositFilamentRatePerMAPerCm2S), 0, 1e3, p => p.DepositFilamentRatePerMAPerCm2S, (p, v) => p.DepositFilamentRatePerMAPerCm2S = v),
        new(nameof(CellParameters.SoftShortFilamentThreshold), 0, 1, p => p.SoftShortFilamentThreshold, (p, v) => p.SoftShortFilamentThreshold = v),
        new(nameof(CellParameters.SoftShortMeanIntervalS), 1e-3, 1e6, p => p.SoftShortMeanIntervalS, (p, v) => p.SoftShortMeanIntervalS = v),
        new(nameof(CellParameters.SoftShortMinOhmCm2), 1e-3, 1e7, p => p.SoftShortMinOhmCm2, (p, v) => p.SoftShortMinOhmCm2 = v),
        new(nameof(CellParameters.SoftShortMaxOhmCm2), 1e-3, 1e7, p => p.SoftShortMaxOhmCm2, (p, v) => p.SoftShortMaxOhmCm2 = v),
        new(nameof(CellParameters.SoftShortMinDurationS), 1e-4, 1e4, p => p.SoftShortMinDurationS, (p, v) => p.SoftShortMinDurationS = v),
        new(nameof(CellParameters.SoftShortMaxDurationS), 1e-4, 1e4, p => p.SoftShortMaxDurationS, (p, v) => p.SoftShortMaxDurationS = v),
        new(nameof(CellParameters.HardShortOhmCm2), 1e-4, 1e3, p => p.HardShortOhmCm2, (p, v) => p.HardShortOhmCm2 = v),
    };

    /// <summary>All settable parameter names.</summary>
    public static IEnumerable<string> Names => s_descriptors.Select(d => d.Name);

    /// <summary>Finds a parameter by name (case-insensitive); throws an <see cref="ArgumentException"/> listing valid names.</summary>
    public static CellParameterDescriptor Find(string name)
    {
        foreach (CellParameterDescriptor descriptor in s_descriptors)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return descriptor;
            }
        }

        throw new ArgumentException($"Unknown cell parameter '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Sets one parameter by name with a range check.</summary>
    public static void Set(CellParameters parameters, string name, double value) => Find(name).Set(parameters, value);

    /// <summary>Reads one parameter by name.</summary>
    public static double Get(CellParameters parameters, string name) => Find(name).Get(parameters);

    /// <summary>Applies "name=value" overrides, e.g. from a command line.</summary>
    public static void Apply(CellParameters parameters, IEnumerable<string> assignments)
    {
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            if (equals <= 0 || !double.TryParse(assignment.AsSpan(equals + 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
            {
                throw new ArgumentException($"Cell parameter override '{assignment}' is not of the form name=number.", nameof(assignments));
            }

            Set(parameters, assignment.Substring(0, equals).Trim(), value);
        }
    }

    /// <summary>Checks every parameter's range and the cross-parameter constraints.</summary>
    public static void Validate(CellParameters parameters)
    {
        foreach (CellParameterDescriptor descriptor in s_descriptors)
        {
            descriptor.Check(descriptor.Get(parameters));
        }

        string? problem = ConstraintProblem(parameters, out string parameter, out _);
        if (problem != null)
        {
            throw new ArgumentOutOfRangeException(parameter, Get(parameters, parameter), problem);
        }
    }

    /// <summary>
    /// The first cross-parameter constraint the set breaks, as one line, or null. <paramref name="parameter"/> is the
    /// parameter the message is about, <paramref name="partner"/> the one it is compared with: either may be the one a
    /// caller changed, so a caller that knows which it set can name that one.
    /// </summary>
    public static string? ConstraintProblem(CellParameters parameters, out string parameter, out string partner)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Anode == AnodeKind.LiquidAlloy && parameters.LiquidusNaMassFraction >= parameters.InitialNaMassFraction)
        {
            parameter = nameof(CellParameters.LiquidusNaMassFraction);
            partner = nameof(CellParameters.InitialNaMassFraction);
            return string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "Cell parameter 'LiquidusNaMassFraction' ({0}) must be below InitialNaMassFraction ({1}).",
                parameters.LiquidusNaMassFraction, parameters.InitialNaMassFraction);
        }

        if (parameters.SoftShortMaxOhmCm2 < parameters.SoftShortMinOhmCm2)
        {
            parameter = nameof(CellParameters.SoftShortMaxOhmCm2);
            partner = nameof(CellParameters.SoftShortMinOhmCm2);
            return string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "Cell parameter 'SoftShortMaxOhmCm2' ({0}) must not be below SoftShortMinOhmCm2 ({1}).",
                parameters.SoftShortMaxOhmCm2, parameters.SoftShortMinOhmCm2);
        }

        if (parameters.SoftShortMaxDurationS < parameters.SoftShortMinDurationS)
        {
            parameter = nameof(CellParameters.SoftShortMaxDurationS);
            partner = nameof(CellParameters.SoftShortMinDurationS);
            return string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "Cell parameter 'SoftShortMaxDurationS' ({0}) must not be below SoftShortMinDurationS ({1}).",
                parameters.SoftShortMaxDurationS, parameters.SoftShortMinDurationS);
        }

        parameter = string.Empty;
        partner = string.Empty;
        return null;
    }
}
