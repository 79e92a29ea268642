// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The analog front ends as the board describes them nominally: a cell's difference amplifier puts
/// REF + ratio * V on the ADC; a module's shunt amplifier puts REF + gain * shunt * I. REF is the
/// channel's <c>offset_mv</c>; <paramref name="referenceErrorVolts"/> is how far the real REF sits
/// from it (drift, or a rail-derived REF following a supply dip), which moves every such channel alike.
/// </summary>
public static class FrontEndModel
{
    /// <summary>ADC input volts for a cell voltage.</summary>
    public static double CellAdcVolts(CellChannelDefinition cell, double cellVolts, double referenceErrorVolts = 0.0)
        => (cell.OffsetMv / 1000.0) + referenceErrorVolts + (cell.DividerRatioPpm / 1e6 * cellVolts);

    /// <summary>Cell voltage for an ADC input (inverse of <see cref="CellAdcVolts"/> without REF error).</summary>
    public static double CellVoltsAtAdc(CellChannelDefinition cell, double adcVolts)
        => (adcVolts - (cell.OffsetMv / 1000.0)) / (cell.DividerRatioPpm / 1e6);

    /// <summary>Transimpedance of the current channel, volts per ampere (gain x shunt).</summary>
    public static double CurrentVoltsPerAmp(ModuleDefinition module)
        => module.AmplifierGainMilli / 1000.0 * (module.ShuntMilliohm / 1000.0);

    /// <summary>ADC input volts for a module current (stripping positive).</summary>
    public static double CurrentAdcVolts(ModuleDefinition module, double amps, double referenceErrorVolts = 0.0)
        => (module.OffsetMv / 1000.0) + referenceErrorVolts + (CurrentVoltsPerAmp(module) * amps);

    /// <summary>Module current for an ADC input (inverse of <see cref="CurrentAdcVolts"/> without REF error).</summary>
    public static double AmpsAtAdc(ModuleDefinition module, double adcVolts)
        => (adcVolts - (module.OffsetMv / 1000.0)) / CurrentVoltsPerAmp(module);
}
