// Licensed under the MIT License.

namespace Edge.Core.Configuration.Detection
{
    /// <summary>Hard-short detector thresholds ([W]: plating short "voltage to near 0 V").</summary>
    public sealed class HardShortConfiguration
    {
        /// <summary>|V| at or below this under current is a short (mV): a few mV, as the seeds say.</summary>
        public int MaximumVoltageMv { get; set; } = 5;

        /// <summary>
        /// The test of one reading only applies when the healthy cell would show at least this much polarisation:
        /// current times the nominal resistance, in mV. Keeps low-current steps from false alarms (and, on a cell whose
        /// noise is measured, only where that polarisation stands <see cref="ShuntSigmaTenths"/> of one reading's
        /// standard deviations above <see cref="MaximumVoltageMv"/>; elsewhere the pulse window decides). Below it a pulse
        /// window's mean is judged against a limit in the proportion of <see cref="MaximumVoltageMv"/> to this.
        /// </summary>
        public int MinimumExpectedPolarisationMv { get; set; } = 25;

        /// <summary>Nominal area-specific resistance of a healthy cell, ohm cm2 (cell-model.md: 150 ohm cm2 ohmic, NASICON 1.5 mm).</summary>
        public int NominalResistanceOhmCm2 { get; set; } = 150;

        /// <summary>Edge resistance below this percentage of the cell's baseline, with no relaxation after the
        /// pulse, is a shunt: V proportional to I.</summary>
        public int ShuntResistancePercent { get; set; } = 10;

        /// <summary>
        /// ...and the collapse must exceed this many standard deviations (in tenths) of one edge reading (measured
        /// noise over the current step): at 0.08 mA/cm2 with 2 mV of noise a healthy edge is only about five
        /// sigma above zero, and this test has no debounce. A pulse window's mean applies only where the expected
        /// polarisation stands this many of the mean's standard deviations above its limit, one reading only where it
        /// stands this many of one reading's above <see cref="MaximumVoltageMv"/> (at 4 sigma, a K cell at 1.2 mA/cm2
        /// through 5 mV of noise, a healthy reading fell to 5 mV about once in 30,000).
        /// </summary>
        public int ShuntSigmaTenths { get; set; } = 60;
    }
}
