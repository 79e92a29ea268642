// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// The board's reference input (<c>[reference]</c>): the front ends' REF voltage read by the ADC
    /// every tick, so that a drift of REF or of the ADC since calibration can be taken out of every
    /// cell and current reading (see <c>Measurement.AdcConversion.ReferenceCorrection</c>).
    /// </summary>
    public sealed class ReferenceChannelDefinition
    {
        public ReferenceChannelDefinition(AnalogInputDefinition input, int nominalMv)
        {
            Input = input;
            NominalMv = nominalMv;
        }

        public AnalogInputDefinition Input { get; }

        /// <summary>Nominal REF voltage at the ADC, mV (the front ends' offset).</summary>
        public int NominalMv { get; }
    }
}
