// Licensed under the MIT License.

namespace NFUnitTest.ClosedLoop
{
    /// <summary>
    /// Synthetic healthy cell for the closed-loop test: a pure resistance while current flows, 0 mV
    /// at rest (a symmetric Na|NASICON|Na cell has no open-circuit voltage). 390 ohm is the
    /// 150 ohm cm2 area-specific resistance of the cell model on the seed's 0.385 cm2 electrode.
    /// </summary>
    public sealed class OhmicCell
    {
        /// <summary>Cell resistance, ohm.</summary>
        public const int ResistanceOhm = 390;

        /// <summary>When true the cell is shorted: 0 mV whatever the current (a plating short, [W]).</summary>
        public bool IsShorted { get; set; }

        /// <summary>Cell voltage in mV for <paramref name="currentUa"/> (uA x ohm / 1000 = mV).</summary>
        public int VoltageMv(int currentUa)
        {
            if (IsShorted)
            {
                return 0;
            }

            return (int)((long)currentUa * ResistanceOhm / 1000);
        }
    }
}
