// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Keys of the optional <c>[cells]</c> section: electrode area and nominal resistance of the pack's
    /// cells. Both keys are optional; an absent one stays <see cref="CellParametersDefinition.NotGiven"/>.
    /// </summary>
    internal sealed class CellParametersSectionBuilder : SectionBuilder
    {
        public const string ElectrodeAreaKey = "electrode_area_cm2";
        public const string NominalResistanceKey = "nominal_resistance_ohm_cm2";

        /// <summary>Decimals of the electrode area: 0.00001 cm2 (0.001 mm2) is finer than any O-ring or mask.</summary>
        public const int AreaDecimals = 5;

        /// <summary>10^<see cref="AreaDecimals"/>, to turn the scaled area back into cm2.</summary>
        private const double AreaScale = 100000.0;

        private static readonly string[] s_allowed = new string[] { ElectrodeAreaKey, NominalResistanceKey };

        private static readonly string[] s_required = new string[0];

        public CellParametersSectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
            ElectrodeAreaCm2 = CellParametersDefinition.NotGiven;
            NominalResistanceOhmCm2 = CellParametersDefinition.NotGiven;
        }

        public double ElectrodeAreaCm2 { get; private set; }

        /// <summary>The area in 0.00001 cm2 as read, for whole-board checks in integers; 0 when not given.</summary>
        public int ElectrodeAreaScaled { get; private set; }

        /// <summary>The area as written, for warnings that quote it.</summary>
        public string ElectrodeAreaText { get; private set; }

        public int NominalResistanceOhmCm2 { get; private set; }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == ElectrodeAreaKey)
            {
                // 0.001 cm2 (a micro-electrode) to 10000 cm2 (the configuration's own ceiling);
                // scaled by 10^5 the ceiling still fits an int.
                error = BoardValueReader.ReadFixed(line, AreaDecimals, 100, 1000000000, out value);
                if (error == null)
                {
                    ElectrodeAreaCm2 = value / AreaScale;
                    ElectrodeAreaScaled = value;
                    ElectrodeAreaText = line.Value;
                }

                return error;
            }

            // ohm cm2, whole numbers like the configuration: K-beta''-alumina about 21, NASICON about 150.
            error = BoardValueReader.ReadInt(line, 1, 1000000, out value);
            if (error == null)
            {
                NominalResistanceOhmCm2 = value;
            }

            return error;
        }
    }
}
