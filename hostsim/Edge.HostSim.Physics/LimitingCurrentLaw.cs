namespace Edge.HostSim.Physics;

/// <summary>
/// One limiting-current law over the NaK composition, used both for the fresh alloys (NaK50, NaK65, NaK80) and for the
/// drift of a cell whose alloy loses Na while it is stripped. i_lim(w) is proportional to the share of contact spots
/// whose local Na supply still outruns K precipitation, a logistic in the bulk Na mass fraction w:
/// share(w) = 1 / (1 + exp(-(w - w_half) / width)). The spread of the spots (heterogeneous contact, the same picture
/// as the precursor term) makes the share flat near NaK50 and steep below about 0.4: [W] Fig. 3a / Fig. S (current
/// scans of NaK50, NaK65, NaK80) puts the onsets at about 0.6, 0.15 and below 0.05 mA/cm2, a ratio no power of the
/// Na excess over the liquidus fits together with the slow drift the NaK50 pulse plateau needs (Fig. 4c).
/// </summary>
public static class LimitingCurrentLaw
{
    /// <summary>Share of the contact that sustains stripping at the bulk Na mass fraction <paramref name="naMassFraction"/>, 0..1.</summary>
    public static double Share(double naMassFraction, double halfNaMassFraction, double widthNaMassFraction)
    {
        return 1.0 / (1.0 + Math.Exp(-(naMassFraction - halfNaMassFraction) / widthNaMassFraction));
    }

    /// <summary>i_lim at <paramref name="naMassFraction"/> over i_lim at <paramref name="referenceNaMassFraction"/>.</summary>
    public static double Factor(double naMassFraction, double referenceNaMassFraction, double halfNaMassFraction, double widthNaMassFraction)
    {
        return Share(naMassFraction, halfNaMassFraction, widthNaMassFraction) / Share(referenceNaMassFraction, halfNaMassFraction, widthNaMassFraction);
    }

    /// <summary>
    /// The fresh limiting current of an alloy with <paramref name="naMassFraction"/>, from the law through a reference
    /// alloy's fitted value (the presets use NaK50's).
    /// </summary>
    public static double FreshLimitingCurrentMAPerCm2(CellParameters reference, double naMassFraction)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.ILim0MAPerCm2 * Factor(naMassFraction, reference.InitialNaMassFraction,
            reference.LimitShareHalfNaMassFraction, reference.LimitShareWidthNaMassFraction);
    }

    /// <summary>
    /// The K-rich share of the contact (1 - share, the spots the law counts out) at <paramref name="naMassFraction"/> over
    /// that at <paramref name="referenceNaMassFraction"/>: how much faster K nucleates there (the crust of the bounded
    /// unstable range grows with its square).
    /// </summary>
    public static double KRichFactor(double naMassFraction, double referenceNaMassFraction, double halfNaMassFraction, double widthNaMassFraction)
    {
        return (1.0 - Share(naMassFraction, halfNaMassFraction, widthNaMassFraction)) / (1.0 - Share(referenceNaMassFraction, halfNaMassFraction, widthNaMassFraction));
    }

    /// <summary>
    /// The crust growth of a fresh alloy with <paramref name="naMassFraction"/>, from a reference alloy's fitted value
    /// through the same K-rich share (the presets use NaK50's), so a fresh NaK65 builds its crust as fast as a NaK50 cell
    /// stripped to the NaK65 composition.
    /// </summary>
    public static double FreshCrustRatePerS(CellParameters reference, double naMassFraction)
    {
        ArgumentNullException.ThrowIfNull(reference);
        double factor = KRichFactor(naMassFraction, reference.InitialNaMassFraction, reference.LimitShareHalfNaMassFraction, reference.LimitShareWidthNaMassFraction);
        return reference.CrustRatePerS * Math.Pow(factor, reference.CrustCompositionExponent);
    }
}
