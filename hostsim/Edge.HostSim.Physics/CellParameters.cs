namespace Edge.HostSim.Physics;

/// <summary>
/// Parameters of the reduced-order cell model (one anode | ceramic electrolyte interface per unit area).
/// Every value carries its source: a seed key ([W], [S], [T], [K], [Z]) with the table row, the fit in
/// the model notes, or "assumption" with the reason. Presets live in <see cref="CellPresets"/>; single
/// values are changed by name through <see cref="CellParameterCatalog"/>.
/// </summary>
public sealed class CellParameters
{
    /// <summary>Preset name this set came from (informational).</summary>
    public string Name { get; set; } = "custom";

    // ---- Anode inventory -------------------------------------------------------------------------

    /// <summary>Liquid alloy or solid metal.</summary>
    public AnodeKind Anode { get; set; } = AnodeKind.LiquidAlloy;

    /// <summary>Initial Na mass fraction of the alloy. [W]: NaK50 = 0.50 (NaK65 = 0.35, NaK80 = 0.20).</summary>
    public double InitialNaMassFraction { get; set; } = 0.50;

    /// <summary>Na mass fraction of the K-saturated liquid at room temperature (88 wt% K liquidus); model notes.</summary>
    public double LiquidusNaMassFraction { get; set; } = 0.12;

    /// <summary>Na inventory of the alloy, mAh/cm2. Model notes: 40 uL NaK50 over a 7 mm O-ring = 53.7.</summary>
    public double NaCapacityMAhPerCm2 { get; set; } = 53.7;

    /// <summary>Metal on the anode at start, mAh/cm2 (metal anodes only; presets give their source).</summary>
    public double InitialMetalMAhPerCm2 { get; set; }

    /// <summary>
    /// Reservoir below which the metal film breaks up into islands, mAh/cm2 (metal anodes only).
    /// Assumption: 0.02 = about 0.2 um of Na at 8.8 um per mAh/cm2 ([T]).
    /// </summary>
    public double MetalDepletionKneeMAhPerCm2 { get; set; } = 0.02;

    /// <summary>
    /// Share of freshly plated metal that becomes electrically isolated ("dead") on an unconditioned collector, 0..1
    /// (metal anodes only). [T] Fig. 3A: coulombic efficiency 86.5-88 % in the first cycle.
    /// </summary>
    public double PlatingInactiveFraction { get; set; }

    /// <summary>
    /// Dead share once the collector is conditioned, 0..1 (metal anodes only): the share falls from
    /// <see cref="PlatingInactiveFraction"/> towards this value as metal is plated, because the Na-Au interlayer and
    /// the interphase stop taking Na. [T] Fig. S11 text: coulombic efficiency 94 % at the tenth cycle.
    /// </summary>
    public double PlatingInactiveFractionConditioned { get; set; }

    /// <summary>
    /// Cumulative plated charge over which the dead share relaxes (e-fold) to its conditioned value, mAh/cm2 (metal
    /// anodes only; 0 = no conditioning). Fit to [T]: about 87 % in the first and 94 % in the tenth cycle of 2 mAh/cm2.
    /// </summary>
    public double InactiveConditioningMAhPerCm2 { get; set; }

    // ---- Interfacial depletion layer --------------------------------------------------------------

    /// <summary>
    /// Diffusion time constant of the interfacial layer, s. Fit (grid over tau, i_lim0, m) to the [W] pulse
    /// table: 3.5 s as in the model notes; slowest mode 4 tau / pi^2 = 1.4 s ([W]: recovery 2-5 s).
    /// </summary>
    public double TauS { get; set; } = 3.5;

    /// <summary>
    /// Limiting stripping current of the fresh interface, mA/cm2. Fit to the [W] pulse table (Fig. 4c) together with
    /// the precursor rate, the lasting damage and the composition law: 0.80 (the 1 s / 1 s capacity moves by about
    /// 1.1 mAh/cm2 per 1 % of i_lim0: 2.56 at 0.795, 3.15 at 0.80, 3.89 at 0.805).
    /// </summary>
    public double ILim0MAPerCm2 { get; set; } = 0.80;

    /// <summary>
    /// Exponent m of i_lim = i_lim0 * min(1, q_metal / q_knee)^m for metal anodes (the film breaking into islands).
    /// Alloys use <see cref="LimitingCurrentLaw"/> instead.
    /// </summary>
    public double LimitExponent { get; set; } = 1.0;

    /// <summary>
    /// Bulk Na mass fraction at which half the contact spots sustain stripping (<see cref="LimitingCurrentLaw"/>; alloys).
    /// Fit to the fresh [W] alloys (Fig. 3a and its NaK65 / NaK80 scans: onsets about 0.6, 0.15, below 0.05 mA/cm2) and
    /// to the drift the Fig. 4c plateau needs (i_lim near 0.8 of fresh at 12.5 mAh/cm2 stripped): 0.385.
    /// </summary>
    public double LimitShareHalfNaMassFraction { get; set; } = 0.385;

    /// <summary>
    /// Width of the logistic in <see cref="LimitingCurrentLaw"/>, in Na mass fraction (alloys). Same fit: 0.03 gives
    /// fresh NaK65 0.24 and NaK80 0.002 of NaK50's limiting current.
    /// </summary>
    public double LimitShareWidthNaMassFraction { get; set; } = 0.03;

    /// <summary>
    /// Exponent p of the contact fraction in the normalised flux u = i / (A^p i_lim): 1 when supply runs only
    /// through the wetted contact (liquid NaK), 0 when creep resupplies per nominal area (solid K).
    /// </summary>
    public double LimitContactExponent { get; set; } = 1.0;

    /// <summary>Number of diffusion modes; 0 = chosen from tau and the time step (see <see cref="DiffusionModes"/>).</summary>
    public int ModeCount { get; set; }

    // ---- Voltage terms ----------------------------------------------------------------------------

    /// <summary>Open-circuit voltage, V. Assumption: 0 for the symmetric test cells of all seed papers.</summary>
    public double OpenCircuitVoltageV { get; set; }

    /// <summary>Electrolyte resistance, ohm cm2. Model notes: 1.5 mm NASICON at about 1 mS/cm = 150.</summary>
    public double ROhmOhmCm2 { get; set; } = 150.0;

    /// <summary>
    /// Interfacial contact resistance of the full contact, ohm cm2; scales with 1/A. Assumption for NaK: 20,
    /// of the order of [S]'s 21 ohm cm2 and [T]'s 7; it sets how fast the voltage runs to 3 V as A collapses.
    /// </summary>
    public double ContactResistanceOhmCm2 { get; set; } = 20.0;

    /// <summary>
    /// Exchange current density of the full contact, mA/cm2. Assumption for NaK: 1 (RT/F i0 = 26 ohm cm2, a
    /// charge-transfer term that grows as 1/c_s as in [W]); not constrained by the seed tables.
    /// </summary>
    public double ExchangeCurrentDensityMAPerCm2 { get; set; } = 1.0;

    /// <summary>
    /// The healthy cell's linear resistance, ohm cm2 (electrolyte plus interface, without the non-linear
    /// kinetics): what an engineer would configure the controller's hard-short test with for these cells.
    /// </summary>
    public double NominalResistanceOhmCm2 => ROhmOhmCm2 + ContactResistanceOhmCm2;

    /// <summary>Cell temperature, K. [W]: room temperature.</summary>
    public double TemperatureK { get; set; } = 298.15;

    /// <summary>Largest |V - OCV| the model reports, V. Assumption: cycler compliance / electrolyte decomposition.</summary>
    public double MaxPolarisationV { get; set; } = 5.0;

    // ---- Contact loss (K precipitate, voids) -----------------------------------------------------

    /// <summary>
    /// Blocking rate once the interface is exhausted, 1/s per unit excess depletion (theta_s - 1). Model notes:
    /// chosen so the voltage reaches the 3 V cut-off within about 0.1 s of exhaustion (200 gives 0.05-0.1 s).
    /// </summary>
    public double PrecipitationRatePerS { get; set; } = 200.0;

    /// <summary>
    /// Growth of the K crust, 1/s per unit (theta_s - <see cref="CrustOnsetDepletion"/>)^n on a fresh alloy; 0 = no crust
    /// stage (the precipitation runs away as soon as the interface is exhausted, as for the K and Na presets). Below a
    /// closed crust (progress 1) the precipitate stays dispersed and the polarisation bounded; at 1 the precipitation
    /// runs away to the cut-off. Fit to [W] Fig. 3b (the 0.01 mA/cm2-per-40 s scan runs on to 1.0 mA/cm2 and holds it
    /// through the GEIS) against "minimal" capacity at continuous 1 mA/cm2 (Fig. 4c): 1.2e-3 (continuous 1 mA/cm2 cuts
    /// off after about 1070 s, 0.30 mAh/cm2; the scan then holds 1.0 mA/cm2 for about 190 s).
    /// </summary>
    public double CrustRatePerS { get; set; } = 1.2e-3;

    /// <summary>
    /// Exponent n of the excess depletion in the crust growth. A slow scan spends its time at small excess, a jump to a
    /// high current at a large one: n > 1 lets the scan run on while continuous current still fails within minutes.
    /// Fit with <see cref="CrustRatePerS"/>: 1.5 (1 s / 1 s at 3.15 mAh/cm2; 2 leaves the scan cutting off at 0.98).
    /// </summary>
    public double CrustExponent { get; set; } = 1.5;

    /// <summary>
    /// Surface depletion above which K nucleates, the same as <see cref="PrecursorOnsetDepletion"/>: the most loaded spots
    /// are K-saturated from there on ([W] staircase onset near 0.6 mA/cm2). Fit: 0.7.
    /// </summary>
    public double CrustOnsetDepletion { get; set; } = 0.7;

    /// <summary>
    /// Exponent of the K-rich share of the contact (1 - share(w) of <see cref="LimitingCurrentLaw"/>, relative to the fresh
    /// alloy) in the crust growth: the crust nucleates faster as the alloy loses Na. Fit: 2 keeps the [W] Fig. 4c pulse
    /// rows of 2-300 s rests where the exhaustion itself ends them (0 lets them run on to 12.6-26.7 mAh/cm2).
    /// </summary>
    public double CrustCompositionExponent { get; set; } = 2.0;

    /// <summary>
    /// Re-dissolution time constant of the crust nuclei, s, while the surface is Na-rich again (theta_s below the onset).
    /// [W] Fig. 5c: gamma_int recovers over 35 s - 15 h; 15 h (the re-alloying time). An hour lets the 1 s / 1 s row run to
    /// 5.5 mAh/cm2.
    /// </summary>
    public double TauCrustRecoveryS { get; set; } = 54000.0;

    /// <summary>
    /// Mean surface depletion at which the most loaded contact spots start to precipitate K (heterogeneous
    /// contact: local current above the mean). Fit: puts the [W] staircase onset near 0.6 mA/cm2.
    /// </summary>
    public double PrecursorOnsetDepletion { get; set; } = 0.7;

    /// <summary>Blocking rate per unit depletion above <see cref="PrecursorOnsetDepletion"/>, 1/s. Fit to the [W] staircase.</summary>
    public double PrecursorRatePerS { get; set; } = 0.05;

    /// <summary>Share of the blocking that recovers slowly, 0..1. Assumption for NaK: 0.1 ([W] names both a fast and a slow recovery, not their shares).</summary>
    public double SlowDamageFraction { get; set; } = 0.1;

    /// <summary>
    /// Excess depletion (theta_s - 1) above which the slow share of the blocking grows no faster, 0 = no limit. Fit for
    /// K ([S] Fig. 3b/c: the polarisation grows by about a quarter from the 1st to the 25th cycle at both 2 and 3 mA/cm2,
    /// although 3 mA/cm2 exhausts the interface far harder).
    /// </summary>
    public double SlowDamageMaxExcessDepletion { get; set; }

    /// <summary>Fast recovery time constant of the blocked area, s. [W]: fast damage recovers within 35 s.</summary>
    public double TauFastRecoveryS { get; set; } = 10.0;

    /// <summary>Slow recovery time constant, s. [W]: slow recovery 35 s to 1 h, up to 15 h.</summary>
    public double TauSlowRecoveryS { get; set; } = 3600.0;

    /// <summary>
    /// Normalised flux demand u = i / (A i_lim) above which the interface is strongly depleted and leaves lasting damage
    /// (voids, K patches) that recovers over tens of minutes. u > 1 means the layer would run dry under steady current;
    /// the onset above 1 keeps a fresh interface free of it in the [W] 1 s / 1 s protocol (Fig. 4c) while the alloy's
    /// Na loss pushes the later pulses of every protocol past it. [W] Fig. 3c DRT: gamma_int grows under current and
    /// recovers slowly; Fig. 1a: a steadily rising stripping voltage above 0.2 mA/cm2. Fit with <see cref="VoidRatePerS"/>.
    /// </summary>
    public double VoidOnsetDemand { get; set; } = 1.29;

    /// <summary>
    /// Growth of the lasting damage per unit of demand above <see cref="VoidOnsetDemand"/>, 1/s, on the undamaged
    /// area. 0 = none. Fit: the end-of-pulse voltage of the [W] Fig. 4c pulse protocols rises steadily over the run
    /// (60 s before the cut-off 1.63-2.13x its first-half median for 1-10 s rests) with the table held.
    /// </summary>
    public double VoidRatePerS { get; set; } = 0.045;

    /// <summary>
    /// Recovery time constant of the lasting damage, s. [W] Fig. 3c: gamma_int recovers slowly between 35 s and 1 h of
    /// rest ("likely the reason" the capacity stops rising between 5 s and 10 s rests).
    /// </summary>
    public double TauVoidRecoveryS { get; set; } = 1600.0;

    /// <summary>
    /// Exponent of the open (undamaged) area in the supply contact, 0..1: 0 when the liquid still feeds the spots the
    /// damage leaves (it only narrows the current path), 1 when it cuts the supply like lost contact. Fit: with
    /// composition drift the damage sets the [W] Fig. 4c plateau of 5-10 s rests.
    /// </summary>
    public double VoidSupplyExponent { get; set; } = 0.06;

    /// <summary>
    /// Normalised demand u = i / (A i_lim) above which stripping widens the voids that the alloy's surface tension
    /// leaves at the interface (mechanical constriction). [W] Fig. 1a/1d: stable at 0.05 and 0.1 mA/cm2, gamma_int
    /// grows and the stripping voltage rises steadily from 0.2 mA/cm2, i.e. 0.25 of the fresh NaK50 limit (0.80).
    /// </summary>
    public double ConstrictionOnsetDemand { get; set; } = 0.2;

    /// <summary>
    /// Growth of the constriction per unit of demand above <see cref="ConstrictionOnsetDemand"/>, 1/s, on the open area;
    /// 0 = none. It narrows the current path (contact) but not the Na supply, and recovers with
    /// <see cref="TauVoidRecoveryS"/>. Fit: the [W] Fig. 1a critical-current test (see <see cref="DepositNucleationChargeMAhPerCm2"/>).
    /// </summary>
    public double ConstrictionRatePerS { get; set; } = 1e-3;

    /// <summary>
    /// Plated charge over which the constriction falls to 1/e (halves in 0.69 of it), mAh/cm2: Na fills the widened voids as metal, not alloy ([W] Fig. 1e:
    /// gamma_int "rapidly diminished and eventually vanished during plating at 0.4"), and these fillings count as
    /// deposits (<see cref="DepositFilamentRatePerMAPerCm2S"/>). Fit with <see cref="ConstrictionRatePerS"/>.
    /// </summary>
    public double ConstrictionRefillChargeMAhPerCm2 { get; set; } = 0.05;

    /// <summary>Plated charge over which the lasting damage falls to 1/e (halves in 0.69 of it), mAh/cm2. Assumption: 0.2 ([W] Fig. 1d/e: gamma_int falls once plating starts).</summary>
    public double LastingRefillChargeMAhPerCm2 { get; set; } = 0.2;

    /// <summary>Plated charge over which the fast voids fall to 1/e (halves in 0.69 of it), mAh/cm2. Assumption for NaK: 0.005 (a few um-deep voids).</summary>
    public double VoidRefillChargeMAhPerCm2 { get; set; } = 0.005;

    /// <summary>
    /// Smallest contact fraction kept by the model (numerical floor). Assumption: low enough that even
    /// 0.01 mA/cm2 drives the voltage into <see cref="MaxPolarisationV"/> once the contact is lost.
    /// </summary>
    public double MinContactFraction { get; set; } = 1e-7;

    // ---- Plating, filaments, shorts --------------------------------------------------------------

    /// <summary>Re-alloying time constant of Na piled up by plating, s. [W]: recovers over 15 h.</summary>
    public double TauRealloyS { get; set; } = 54000.0;

    /// <summary>
    /// Local plating current above which filaments grow, mA/cm2. Model notes: 0.5 for NaK; refitted to 0.6 with
    /// <see cref="FilamentExcessExponent"/> ([W] Fig. 5a plating scan stable to 1 mA/cm2, fresh 0.4 without a short).
    /// </summary>
    public double PlatingCriticalCurrentMAPerCm2 { get; set; } = 0.6;

    /// <summary>
    /// Filament growth k_L, 1/((mA/cm2)^n_L s). Model notes: 1.9e-3 (linear) shorts 0.7 mA/cm2 after 0.5 mAh/cm2; with
    /// n_L = 0.25 and i_crit = 0.6 the same short needs 6.9e-4 (0.505 mAh/cm2).
    /// </summary>
    public double FilamentRatePerMAPerCm2S { get; set; } = 6.9e-4;

    /// <summary>
    /// Exponent n_L of the local excess plating current in the filament growth, k_L (|i| / A - i_crit)^n_L. Once plating
    /// outruns the Na-NaK alloying, Na piles up and the filament advances at a pace set by cracking the electrolyte
    /// rather than by the excess current: n_L well below 1 makes a long plating just above i_crit count nearly as much
    /// as a short one far above it. Fit for NaK to [W]: 0.25 with i_crit = 0.6 and k_L = 6.9e-4 keeps fresh 0.7 mA/cm2
    /// shorting after about 0.5 mAh/cm2 and the Fig. 5a plating scan (0.05 -> 1 mA/cm2, 0.01 per 40 s) stable
    /// (L = 0.71 at its end, below the soft-short threshold 0.8; linear growth, n_L = 1, took it to 0.96). 1 for K, Na.
    /// </summary>
    public double FilamentExcessExponent { get; set; } = 0.25;

    /// <summary>
    /// Fastest filament growth, 1/s (0 = no cap). The local plating current |i| / A has no bound once the stripping
    /// has blocked nearly all of the contact, so without a cap plating straight after a stripping cut-off shorted within
    /// one 10 ms step. A filament has to crack its way through the electrolyte ([W] Fig. 2c-f: crack initiation, edge
    /// chipping) at a finite speed. Assumption for NaK: 0.01 (at least 100 s from a fresh interface to the short, which
    /// leaves the soft-short phase L = 0.8 -> 1 at least 20 s); the [W] 0.7 mA/cm2 short grows at 4e-4 /s, far below it.
    /// The Na preset takes the same 0.01 (the same NASICON to crack; [T] plating after a stripping cut-off shorted in one
    /// step without it); the K preset has none (plated K refills its voids at once).
    /// </summary>
    public double FilamentMaxRatePerS { get; set; } = 0.01;

    /// <summary>
    /// Filament growth per unit of Na deposited into stripping voids and of plating current, 1/(mA/cm2 s). Plating
    /// refills the voids a stripping run left with Na metal rather than alloy, so the current concentrates on these
    /// deposits until they re-alloy (<see cref="TauRealloyS"/>). [W] Fig. 5 text: plating that follows stripping without
    /// an extended rest precipitates Na "highly heterogeneous[ly]" and fails very fast (Fig. 1a, Fig. 2). Fit: 7e-3
    /// shorts 0.4 mA/cm2 plating right after a 1 mA/cm2 stripping cut-off after about 0.24 mAh/cm2 (fitted when that
    /// cut-off came after 2.1 s; after the 1,074 s of the bounded unstable range: 0.129 mAh/cm2, 1,196 s); 0 = none.
    /// </summary>
    public double DepositFilamentRatePerMAPerCm2S { get; set; } = 2e-3;

    /// <summary>
    /// Na piled up at the interface (plated faster than it re-alloys, <see cref="TauRealloyS"/>) at which the deposits
    /// feed a filament at half their full rate, mAh/cm2; 0 = no gate. [W] Fig. 5 text: "Na metal would quickly
    /// accumulate at the NaK/NASICON interface upon Na plating, and eventually lead to Na filament growth": a deposit
    /// nucleates a filament only once Na has accumulated on it, so no plating shorts in its first steps. Assumption.
    /// </summary>
    public double DepositNucleationChargeMAhPerCm2 { get; set; } = 0.2;

    /// <summary>
    /// Current focusing on Na-metal deposits: the local plating current is |i| (1 + f D) / A, with D the deposit share
    /// (<see cref="DepositFilamentRatePerMAPerCm2S"/>); 0 = none. Na metal takes Na+ without the alloying step, so the
    /// current crowds onto it. Fit: the [W] Fig. 1a critical-current test shorts while plating at 0.4 mA/cm2, not at 0.3.
    /// </summary>
    public double DepositCurrentFocusing { get; set; } = 4.0;

    /// <summary>Filament progress at which soft shorts start. Model notes: 0.8.</summary>
    public double SoftShortFilamentThreshold { get; set; } = 0.8;

    /// <summary>Mean gap between soft-short spikes at the threshold, s (shrinks to a tenth at L = 1). Assumption.</summary>
    public double SoftShortMeanIntervalS { get; set; } = 5.0;

    /// <summary>Lowest soft-short shunt, ohm cm2. Model notes: 10.</summary>
    public double SoftShortMinOhmCm2 { get; set; } = 10.0;

    /// <summary>Highest soft-short shunt, ohm cm2. Model notes: 1000.</summary>
    public double SoftShortMaxOhmCm2 { get; set; } = 1000.0;

    /// <summary>Shortest soft-short spike, s. Model notes: 0.01.</summary>
    public double SoftShortMinDurationS { get; set; } = 0.01;

    /// <summary>Longest soft-short spike, s. Model notes: 1.</summary>
    public double SoftShortMaxDurationS { get; set; } = 1.0;

    /// <summary>Shunt of a hard short, ohm cm2. Model notes: about 1 holds V near 0.</summary>
    public double HardShortOhmCm2 { get; set; } = 1.0;

    /// <summary>Returns an independent copy.</summary>
    public CellParameters Clone() => (CellParameters)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first parameter out of its range.</summary>
    public void Validate() => CellParameterCatalog.Validate(this);
}
