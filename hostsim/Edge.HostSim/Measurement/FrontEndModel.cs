// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The analog front ends as the board describes them nominally: a cell's bipolar divider puts
/// offset + ratio * V on the ADC; a module's shunt amplifier puts offset + gain * shunt * I.
/// </summary>
public static class FrontEndModel
{
    /// <summary>ADC input volts for a cell voltage.</summary>
    public static double CellAdcVolts(CellChannelDefinition cell, double cellVolts)
        => (cell.OffsetMv / 1000.0) + (cell.DividerRatioPpm / 1e6 * cellVolts);

    /// <summary>Cell voltage for an ADC input (inverse of <see cref="CellAdcVolts"/>).</summary>
    public static double CellVoltsAtAdc(CellChannelDefinition cell, double adcVolts)
        => (adcVolts - (cell.OffsetMv / 1000.0)) / (cell.DividerRatioPpm / 1e6);

    /// <summary>Transimpedance of the current channel, volts per ampere (gain x shunt).</summary>
    public static double CurrentVoltsPerAmp(ModuleDefinition module)
        => module.AmplifierGainMilli / 1000.0 * (module.ShuntMilliohm / 1000.0);

    /// <summary>ADC input volts for a module current (stripping positive).</summary>
    public static double CurrentAdcVolts(ModuleDefinition module, double amps)
        => (module.OffsetMv / 1000.0) + (CurrentVoltsPerAmp(module) * amps);

    /// <summary>Module current for an ADC input (inverse of <see cref="CurrentAdcVolts"/>).</summary>
    public static double AmpsAtAdc(ModuleDefinition module, double adcVolts)
        => (adcVolts - (module.OffsetMv / 1000.0)) / CurrentVoltsPerAmp(module);
}
