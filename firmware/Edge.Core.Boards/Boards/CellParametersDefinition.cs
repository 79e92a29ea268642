// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// What a board's <c>[cells]</c> section says about the cells the pack is built from: the
    /// electrode area (converts mA/cm2 protocols; sizes the plating limit and capacities) and the
    /// healthy cell's area-specific resistance (the polarisation the hard-short and stuck-channel
    /// tests expect). Each may be absent; then <see cref="NotGiven"/> (0) stands in, because
    /// nanoFramework has no nullable value types and 0 is outside both allowed ranges.
    /// </summary>
    public sealed class CellParametersDefinition
    {
        /// <summary>Value of a parameter the board does not give.</summary>
        public const int NotGiven = 0;

        public CellParametersDefinition(double electrodeAreaCm2, int nominalResistanceOhmCm2)
        {
            ElectrodeAreaCm2 = electrodeAreaCm2;
            NominalResistanceOhmCm2 = nominalResistanceOhmCm2;
        }

        /// <summary>Electrode area of one cell, cm2, or <see cref="NotGiven"/>.</summary>
        public double ElectrodeAreaCm2 { get; }

        /// <summary>Area-specific resistance of a healthy cell, ohm cm2, or <see cref="NotGiven"/>.</summary>
        public int NominalResistanceOhmCm2 { get; }

        public bool HasElectrodeArea
        {
            get { return ElectrodeAreaCm2 > NotGiven; }
        }

        public bool HasNominalResistance
        {
            get { return NominalResistanceOhmCm2 > NotGiven; }
        }
    }
}
