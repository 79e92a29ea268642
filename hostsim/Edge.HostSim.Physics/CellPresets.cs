namespace Edge.HostSim.Physics;

/// <summary>
/// Named parameter sets calibrated to the seed papers (see README for the fit and the measured table).
/// Lookup is case-insensitive; every call returns a fresh copy that callers may change.
/// </summary>
public static class CellPresets
{
    /// <summary>NaK50 on SnO2-coated NASICON, [W].</summary>
    public const string NaK50Nasicon = "nak50-nasicon";

    /// <summary>NaK65 on NASICON, [W].</summary>
    public const string NaK65Nasicon = "nak65-nasicon";

    /// <summary>NaK80 on NASICON, [W].</summary>
    public const string NaK80Nasicon = "nak80-nasicon";

    /// <summary>K metal on K-beta''-alumina, [S].</summary>
    public const string KBetaAlumina = "k-betaalumina";

    /// <summary>In-situ plated Na on an Au-Al collector on NASICON, [T].</summary>
    public const string NaNasicon = "na-nasicon";

    private static readonly string[] s_names = { NaK50Nasicon, NaK65Nasicon, NaK80Nasicon, KBetaAlumina, NaNasicon };

    /// <summary>All preset names.</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>Returns a fresh copy of the named preset; throws <see cref="ArgumentException"/> listing valid names.</summary>
    public static CellParameters Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case NaK50Nasicon:
                return NaK50();
            case NaK65Nasicon:
                return NaK65();
            case NaK80Nasicon:
                return NaK80();
            case KBetaAlumina:
                return KMetal();
            case NaNasicon:
                return NaMetal();
            default:
                throw new ArgumentException($"Unknown cell preset '{name}'. Valid presets: {string.Join(", ", s_names)}.", nameof(name));
        }
    }

    /// <summary>Returns the named preset with "name=value" overrides applied (range-checked).</summary>
    public static CellParameters Get(string name, IEnumerable<string> overrides)
    {
        CellParameters parameters = Get(name);
        CellParameterCatalog.Apply(parameters, overrides);
        parameters.Validate();
        return parameters;
    }

    private static CellParameters NaK50()
    {
        // The CellParameters defaults are the NaK50 fit; see each property for its source.
        return new CellParameters { Name = NaK50Nasicon };
    }

    private static CellParameters NaK65()
    {
        // [W]: NaK65 = 65 wt% K. Capacity: the same 40 uL over 0.385 cm2, density 0.88 g/cm3, 35 wt% Na.
        // Limiting current by the one law: about 0.19.
        return NaKAlloy(NaK65Nasicon, 0.35, 37.3);
    }

    private static CellParameters NaK80()
    {
        // [W]: NaK80 = 80 wt% K. Capacity: the same 40 uL over 0.385 cm2, density 0.866 g/cm3, 20 wt% Na.
        // Limiting current by the one law: about 0.0017.
        return NaKAlloy(NaK80Nasicon, 0.20, 21.0);
    }

    /// <summary>
    /// A NaK alloy of another composition on the same NASICON: the NaK50 fit with the alloy's Na mass fraction and
    /// capacity, and the limiting current and crust rate a NaK50 cell stripped to that composition has (one law for
    /// every alloy, <see cref="LimitingCurrentLaw"/>; the same K-rich share).
    /// </summary>
    private static CellParameters NaKAlloy(string name, double naMassFraction, double naCapacityMAhPerCm2)
    {
        CellParameters p = NaK50();
        p.Name = name;
        p.InitialNaMassFraction = naMassFraction;
        p.NaCapacityMAhPerCm2 = naCapacityMAhPerCm2;
        p.ILim0MAPerCm2 = LimitingCurrentLaw.FreshLimitingCurrentMAPerCm2(NaK50(), p.InitialNaMassFraction);
        p.CrustRatePerS = LimitingCurrentLaw.FreshCrustRatePerS(NaK50(), p.InitialNaMassFraction);
        return p;
    }

    private static CellParameters KMetal()
    {
        return new CellParameters
        {
            Name = KBetaAlumina,
            Anode = AnodeKind.Metal,
            InitialMetalMAhPerCm2 = 1000.0,          // Assumption: thick K foil, never exhausted in the tests.
            MetalDepletionKneeMAhPerCm2 = 0.02,      // Assumption (only matters if the foil is used up).
            PlatingInactiveFraction = 0.0,           // Assumption: no dead K reported in [S].
            TauS = 10.0,                             // Assumption: vacancy relaxation by creep, slower than liquid NaK.
            ILim0MAPerCm2 = 1.9,                     // [S] voiding "about 2 mA/cm2"; fit with the slow damage below: 42 -> 46 mV in the 1st cycle at 2 mA/cm2.
            LimitExponent = 1.0,                     // No composition drift in a metal; unused below the knee.
            LimitContactExponent = 0.0,              // Creep under 2.5 MPa resupplies per nominal area ([S]).
            OpenCircuitVoltageV = 0.0,               // [S]: symmetric K | K cell.
            ROhmOhmCm2 = 0.5,                        // Assumption: K-beta'' is highly conductive; [S] polarisation is interfacial.
            ContactResistanceOhmCm2 = 20.0,          // [S]: interfacial resistance 21 ohm cm2 (best surface) minus kinetics.
            ExchangeCurrentDensityMAPerCm2 = 50.0,   // Assumption: fast K kinetics, about 0.5 ohm cm2.
            VoidRatePerS = 0.0,                      // The lasting damage is fitted for the liquid alloy only; [S] keeps its own contact-loss fit.
            TemperatureK = 293.15,                   // [S]: 20 C.
            PrecursorRatePerS = 0.0,                 // No composition gradient in a metal: voids only beyond exhaustion.
            PrecipitationRatePerS = 8e-3,            // Fit: 63 -> about 120 mV in the first cycle at 3 mA/cm2 ([S] Fig. 3c: 70 -> 120).
            CrustRatePerS = 0.0,                     // No K crust on K metal: contact loss starts at exhaustion ([S] fit).
            SlowDamageFraction = 0.05,               // Fit: the cycle-to-cycle growth of [S] Fig. 3b/c, 43 -> 54 mV at 2 mA/cm2, 149 mV by the 25th at 3.
            SlowDamageMaxExcessDepletion = 0.1,      // Fit, same: the slow share grows alike at 2 and 3 mA/cm2, as [S]'s relative growth does.
            TauFastRecoveryS = 200.0,                // Fit: voids creep shut within minutes (first-cycle shape in [S]).
            TauSlowRecoveryS = 36000.0,              // Assumption: persistent voids over the 25 cycles ([S]).
            VoidRefillChargeMAhPerCm2 = 1e-4,        // Fit: plated K refills open voids at once, else the [S] stepwise test shorts far below 4.8.
            PlatingCriticalCurrentMAPerCm2 = 5.8,    // Fit: local critical current; residual voids focus the current so the [S] stepwise test shorts at 4.8.
            FilamentRatePerMAPerCm2S = 8e-3,         // Fit: same stepwise test ([S]).
            FilamentExcessExponent = 1.0,            // Linear in the excess, as the [S] stepwise fit assumes.
            FilamentMaxRatePerS = 0.0,               // No cap: the [S] stepwise fit predates it, and plated K refills its voids at once (no one-step short).
            DepositFilamentRatePerMAPerCm2S = 0.0,   // [S] keeps its own void-focusing fit.
            ConstrictionRatePerS = 0.0,              // Surface-tension voids of a liquid alloy; a metal under stack pressure has none.
            DepositCurrentFocusing = 0.0,            // No alloying step for the plated metal to outrun.
        };
    }

    private static CellParameters NaMetal()
    {
        return new CellParameters
        {
            Name = NaNasicon,
            Anode = AnodeKind.Metal,
            InitialMetalMAhPerCm2 = 0.0,             // [T]: anode-free, Na is plated in situ before use.
            MetalDepletionKneeMAhPerCm2 = 0.02,      // Assumption: film breaks into islands below about 0.2 um (8.8 um per mAh/cm2, [T]).
            PlatingInactiveFraction = 0.137,         // Fit [T] Fig. 3A: first cycle of 2 mAh/cm2 averages 12.7 % dead (CE 86.5-88 %).
            PlatingInactiveFractionConditioned = 0.05,   // Fit [T] Fig. S11 text: CE 94 % at the tenth cycle of 2 mAh/cm2.
            InactiveConditioningMAhPerCm2 = 8.0,     // Fit, same two points: the interlayer saturates over a few cycles.
            TauS = 1.0,                              // Assumption: vacancy relaxation in solid Na at 5.6 MPa.
            ILim0MAPerCm2 = 1.9,                     // [T]: NASICON critical current 1.9 mA/cm2.
            LimitExponent = 1.0,
            LimitContactExponent = 1.0,
            OpenCircuitVoltageV = 0.0,               // [T]: Na | NASICON | Na.
            ROhmOhmCm2 = 100.0,                      // Assumption: about 1 mm NASICON at 1 mS/cm.
            ContactResistanceOhmCm2 = 4.4,           // [T]: interfacial resistance about 7 ohm cm2, minus kinetics (RT/(F i0) = 2.57), as for [S].
            ExchangeCurrentDensityMAPerCm2 = 10.0,   // Assumption: fast Na kinetics on Au-Al.
            VoidRatePerS = 0.0,                      // Not resolved by [T]: its stripping ends at Na depletion.
            PrecursorRatePerS = 0.0,                 // No composition gradient in a metal.
            PrecipitationRatePerS = 200.0,           // [T]: "sudden voltage rise at Na depletion".
            CrustRatePerS = 0.0,                     // No alloy, no K crust: the rise is sudden at depletion ([T]).
            SlowDamageFraction = 0.1,
            TauFastRecoveryS = 10.0,
            TauSlowRecoveryS = 3600.0,
            PlatingCriticalCurrentMAPerCm2 = 1.9,    // [T]: NASICON critical current.
            FilamentRatePerMAPerCm2S = 1.9e-3,       // Assumption: same filament kinetics as NaK (model notes).
            FilamentExcessExponent = 1.0,            // Linear, as in the model notes.
            FilamentMaxRatePerS = 0.01,              // Assumption, as NaK's: a filament cracks the same NASICON at a finite speed (uncapped, plating after a cut-off shorted in one step).
            DepositFilamentRatePerMAPerCm2S = 0.0,   // Not fitted for [T].
            ConstrictionRatePerS = 0.0,              // Surface-tension voids of a liquid alloy; a metal under stack pressure has none.
            DepositCurrentFocusing = 0.0,            // No alloying step for the plated metal to outrun.
        };
    }
}
