// Licensed under the MIT License.

using Edge.HostSim.Pack;
using Edge.HostSim.Physics;
using Edge.HostSim.Randomness;

namespace Edge.HostSim.Scenarios;

/// <summary>Builds the cell bank of a scenario (preset, overrides, seeded spread) and checks preset and override names.</summary>
public static class CellBankFactory
{
    public static IReadOnlyList<string> Presets => CellPresets.Names;

    /// <summary>Null when the preset exists, else the problem.</summary>
    public static string? CheckPreset(string preset)
    {
        try
        {
            CellPresets.Get(preset);
            return null;
        }
        catch (ArgumentException)
        {
            return "unknown preset \"" + preset + "\" (valid: " + string.Join(", ", CellPresets.Names) + ")";
        }
    }

    /// <summary>
    /// Catalogue entries that hold a kind or a count rather than a physical quantity. The anode kind comes
    /// with the preset (a number for it would be an enum value in disguise); the mode count must be whole.
    /// </summary>
    private static readonly string[] s_presetOnly = { "Anode" };
    private static readonly string[] s_wholeNumbers = { nameof(CellParameters.ModeCount) };

    /// <summary>
    /// Catalogue entries the cell model reads for one anode kind only (CellBank's composition update and metal
    /// reservoir): the alloy's composition law and Na inventory, the metal's reservoir, film break-up and dead plating.
    /// On the other kind an override changes nothing, and the scenario would claim a cell it does not simulate.
    /// </summary>
    private static readonly string[] s_alloyOnly =
    {
        nameof(CellParameters.InitialNaMassFraction), nameof(CellParameters.LiquidusNaMassFraction), nameof(CellParameters.NaCapacityMAhPerCm2),
        nameof(CellParameters.LimitShareHalfNaMassFraction), nameof(CellParameters.LimitShareWidthNaMassFraction), nameof(CellParameters.CrustCompositionExponent),
    };

    private static readonly string[] s_metalOnly =
    {
        nameof(CellParameters.InitialMetalMAhPerCm2), nameof(CellParameters.MetalDepletionKneeMAhPerCm2), nameof(CellParameters.LimitExponent),
        nameof(CellParameters.PlatingInactiveFraction), nameof(CellParameters.PlatingInactiveFractionConditioned), nameof(CellParameters.InactiveConditioningMAhPerCm2),
    };

    /// <summary>Null when the override name exists and the value is in its range, else the problem.</summary>
    public static string? CheckOverride(string preset, string name, double value)
    {
        if (s_presetOnly.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return "the anode kind is set by pack.preset (" + string.Join(", ", CellPresets.Names) + "), not by an override";
        }

        if (s_wholeNumbers.Contains(name, StringComparer.OrdinalIgnoreCase) && value != Math.Floor(value))
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is not a whole number";
        }

        CellParameterDescriptor descriptor;
        try
        {
            descriptor = CellParameterCatalog.Find(name);
        }
        catch (ArgumentException)
        {
            // Only the names this preset takes, as a scenario writes them: the list named the other anode kind's
            // parameters too, which the next try then refused as changing nothing.
            string[] refused = OtherKindOnly(preset);
            IEnumerable<string> valid = CellParameterCatalog.Names
                .Where(n => !s_presetOnly.Contains(n, StringComparer.OrdinalIgnoreCase) && !refused.Contains(n, StringComparer.OrdinalIgnoreCase))
                .Select(ScenarioNames.Camel);
            return "unknown parameter of preset " + preset + " (valid: " + string.Join(", ", valid) + ")";
        }

        AnodeKind anode = CellPresets.Get(preset).Anode;
        string[] otherKindOnly = OtherKindOnly(preset);
        if (otherKindOnly.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            AnodeKind other = anode == AnodeKind.LiquidAlloy ? AnodeKind.Metal : AnodeKind.LiquidAlloy;
            string others = string.Join(", ", CellPresets.Names.Where(n => CellPresets.Get(n).Anode == other));
            return "is read only for " + AnodeText(other) + " anodes (" + others + "), and preset " + preset + " has a " + AnodeText(anode) + " anode: it would change nothing; leave it out or choose one of those presets";
        }

        if (!(value >= descriptor.Min && value <= descriptor.Max))
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is out of range [" + descriptor.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + descriptor.Max.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        }

        return null;
    }

    private static string[] OtherKindOnly(string preset) => CellPresets.Get(preset).Anode == AnodeKind.LiquidAlloy ? s_metalOnly : s_alloyOnly;

    private static string AnodeText(AnodeKind anode) => anode == AnodeKind.LiquidAlloy ? "liquid Na-K alloy" : "solid metal";

    /// <summary>The preset with the scenario's overrides; throws <see cref="ScenarioException"/> for a rejected combination.</summary>
    public static CellParameters Parameters(PackSpec pack)
    {
        CellParameters parameters = CellPresets.Get(pack.Preset);
        foreach (KeyValuePair<string, double> o in pack.Overrides)
        {
            CellParameterCatalog.Set(parameters, o.Key, o.Value);
        }

        // Each override passed its own range (ScenarioLoader); what is left are pairs that must agree. Name the
        // override the scenario gave of the two, in its own spelling, and say it in one line (the CLI prints one).
        string? problem = CellParameterCatalog.ConstraintProblem(parameters, out string parameter, out string partner);
        if (problem != null)
        {
            throw new ScenarioException(OverridePath(pack, parameter) ?? OverridePath(pack, partner) ?? "pack.overrides", problem);
        }

        parameters.Validate();
        return parameters;
    }

    /// <summary>"pack.overrides.name" as the scenario spells the override of <paramref name="parameter"/>; null when it has none.</summary>
    private static string? OverridePath(PackSpec pack, string parameter)
    {
        foreach (string key in pack.Overrides.Keys)
        {
            if (string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase))
            {
                return "pack.overrides." + key;
            }
        }

        return null;
    }

    public static ICellBank Create(Scenario scenario, double stepS)
    {
        PackSpec pack = scenario.Pack;
        int count = pack.Modules * pack.CellsPerModule;
        CellVariation[] variations = new CellVariation[count];
        SimRandom random = new SimRandom(scenario.Seed ^ 0x5EED5EEDUL);
        for (int c = 0; c < count; c++)
        {
            double iLim = Math.Max(0.2, 1.0 + (pack.ILimSpreadPct / 100.0 * random.NextGaussian()));
            double tau = Math.Max(0.2, 1.0 + (pack.TauSpreadPct / 100.0 * random.NextGaussian()));
            variations[c] = new CellVariation(iLim, tau);
        }

        foreach (ModuleOverrideSpec o in pack.ModuleOverrides)
        {
            for (int c = o.Module * pack.CellsPerModule; c < (o.Module + 1) * pack.CellsPerModule; c++)
            {
                variations[c] = new CellVariation(variations[c].ILimScale * o.ILimScale, variations[c].TauScale * o.TauScale, variations[c].ROhmScale);
            }
        }

        return new PhysicsCellBank(new CellBank(Parameters(pack), count, stepS, variations, scenario.Seed));
    }
}
