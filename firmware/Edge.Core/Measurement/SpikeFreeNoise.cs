// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Measurement
{
    /// <summary>
    /// The reading-noise estimate of a rest's newest samples with its spikes left out. A spike of two samples adds four
    /// second differences of its depth to the 30 of a 32-sample window: one just over the soft short's limit (6 sigma
    /// of a sample-to-sample step) raises the window's variance by 1.6 times the noise's, one of 31 mV on 3 mV of noise
    /// by 2.4 times, both under the 4 times at which a long phase leaves a window out. A spike in the last 32 samples of
    /// every rest so raised the figure, and the spike limit with it (26 to 47 mV), until the spikes went unseen, while
    /// the same spikes earlier in the rest never reached an estimate.
    /// A step between two samples beyond <see cref="OutlierSigma"/> standard deviations of one under the figure so far
    /// (taken from the window's mean slope: a relaxation's drift is not a step) marks a spike's edge, and the second
    /// differences on either side of it are left out. Pure noise takes such a step once in 16,000 (one window in 500
    /// loses two of its 30 differences), a spike at the soft short's limit at each of its edges 98 times in 100.
    /// Noise that really rose takes such steps all over the window: with more than <see cref="MaxOutlierSteps"/> of them
    /// the window counts whole, so the figure follows it (3 to 9 mV of noise: some 6 steps a window); a smaller rise
    /// leaves a few out and still raises the figure, and the bound with it. Integer arithmetic; one pass over the
    /// window, at a pulse edge, per cell.
    /// </summary>
    [HotPath]
    public static class SpikeFreeNoise
    {
        /// <summary>
        /// Standard deviations of a sample-to-sample step (sqrt(2) sigma of one reading) beyond which a step is a
        /// spike's edge: 4, so pure noise gets there once in 16,000 steps and a spike at the soft short's limit of 6
        /// (<c>softShort.spikeSigmaTenths</c>) is beyond it unless the noise takes 2 sigma off it.
        /// </summary>
        public const int OutlierSigma = 4;

        /// <summary>
        /// Steps beyond the bound a window may hold and still be a few spikes (each spike has two edges): more are
        /// noise above the figure, and the window counts whole.
        /// </summary>
        public const int MaxOutlierSteps = 4;

        /// <summary>
        /// Reading-noise variance in (0.01 mV)^2 of the <paramref name="usable"/> samples before
        /// <paramref name="head"/> in <paramref name="ring"/> (4 at least), from their second differences as the plain
        /// estimate takes it (x0 - 2 x1 + x2 carries 6 sigma^2), leaving out those next to a step beyond
        /// <see cref="OutlierSigma"/> standard deviations of one under <paramref name="figureCentiMv2"/>; the plain
        /// estimate when none is, when more than <see cref="MaxOutlierSteps"/> are or when fewer than half the
        /// differences would be left.
        /// </summary>
        public static long VarianceCentiMv2(int[] ring, int head, int usable, long figureCentiMv2)
        {
            int length = ring.Length;
            int index = head - usable;
            if (index < 0)
            {
                index += length;
            }

            int newestIndex = head - 1 < 0 ? head - 1 + length : head - 1;
            int steps = usable - 1;

            // A step's departure from the window's mean slope, times 'steps' to stay in whole mV: (steps x f - drift).
            // Beyond the bound when its square, in (0.01 mV)^2, exceeds OutlierSigma^2 x 2 sigma^2 x steps^2.
            long drift = (long)ring[newestIndex] - ring[index];
            long bound = 2L * OutlierSigma * OutlierSigma * figureCentiMv2 * steps * steps;
            long allSquares = 0;
            long keptSquares = 0;
            int kept = 0;
            int outliers = 0;
            int previous = ring[index];
            long previousStep = 0;
            bool previousOutlier = false;
            for (int k = 1; k < usable; k++)
            {
                index = index + 1 == length ? 0 : index + 1;
                int reading = ring[index];
                long step = (long)reading - previous;
                long departure = (step * steps) - drift;
                bool outlier = departure * departure * 10000 > bound;
                if (outlier)
                {
                    outliers++;
                }

                if (k >= 2)
                {
                    long d = step - previousStep;
                    allSquares += d * d;
                    if (!outlier && !previousOutlier)
                    {
                        keptSquares += d * d;
                        kept++;
                    }
                }

                previous = reading;
                previousStep = step;
                previousOutlier = outlier;
            }

            int differences = usable - 2;
            if (outliers > MaxOutlierSteps || kept * 2 < differences)
            {
                keptSquares = allSquares;
                kept = differences;
            }

            // mV^2 to (0.01 mV)^2: x 10,000; each second difference carries 6 sigma^2.
            long hundredths = keptSquares * 10000 / (6L * kept);
            return hundredths > int.MaxValue ? int.MaxValue : hundredths;
        }
    }
}
