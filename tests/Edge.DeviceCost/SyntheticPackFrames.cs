using Edge.Core.Sampling;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The tick benchmarks' fixed frame sequence for a 4-module, 4-cell pack on the default protocol (1 s pulses at
    /// 385 uA, 5 s rests, 10 ms ticks): a square-root rise while the current flows, the matching relaxation in the
    /// rest, 1.6 mV of reading noise. One source for the BenchmarkDotNet ControllerTick benchmark, the interpreter
    /// benchmark and the nanoCLR benchmark, so their figures compare. Integer arithmetic only (its own generator,
    /// an integer square root, noise as a sum of twelve uniforms), so every runtime builds the same frames and the
    /// telemetry checksum of one runtime is the expected value on another; it is also nanoFramework code.
    /// </summary>
    internal static class SyntheticPackFrames
    {
        public const int Modules = 4;
        public const int CellsPerModule = 4;
        public const int PeriodTicks = 600;    // 6 s at 10 ms
        public const int PulseTicks = 100;     // 1 s
        public const int FrameCount = PeriodTicks * 10;

        private const int NoiseUvPerSigma = 1600;

        public static PackLayout Layout()
        {
            return new PackLayout(Modules, CellsPerModule, 2);
        }

        public static SampleFrame[] Build(PackLayout layout)
        {
            var frames = new SampleFrame[FrameCount];
            uint state = 11;
            for (int i = 0; i < FrameCount; i++)
            {
                var frame = new SampleFrame(layout);
                int phase = i % PeriodTicks;

                // The switch closes at tick 0 of each period; samples 1..100 carry the current that flowed.
                bool current = phase >= 1 && phase <= PulseTicks;

                // 20 mV * sqrt(t) at t = phase / 100 s is 2 * sqrt(phase) mV: 2000 * sqrt(phase) uV.
                long voltageUv = current
                    ? 150000 + (2 * SquareRootMilli(phase))
                    : (phase > PulseTicks ? 2 * (SquareRootMilli(phase) - SquareRootMilli(phase - PulseTicks)) : 0);
                for (int m = 0; m < Modules; m++)
                {
                    frame.ModuleCurrentUa[m] = current ? 385 : (int)(Next(ref state) % 7) - 3;
                    for (int c = 0; c < CellsPerModule; c++)
                    {
                        frame.CellVoltageMv[(m * CellsPerModule) + c] = RoundToMv(voltageUv + NoiseUv(ref state));
                    }
                }

                frame.TemperatureDeciCelsius[0] = 250;
                frame.TemperatureDeciCelsius[1] = 251;
                frames[i] = frame;
            }

            return frames;
        }

        /// <summary>1000 * sqrt(value), rounded down (Newton's method on integers).</summary>
        private static long SquareRootMilli(int value)
        {
            long n = (long)value * 1000000;
            if (n < 2)
            {
                return n;
            }

            long x = n;
            long y = (x + 1) / 2;
            while (y < x)
            {
                x = y;
                y = (x + (n / x)) / 2;
            }

            return x;
        }

        /// <summary>Zero-mean noise of 1.6 mV standard deviation: twelve uniform draws of 0..9999 sum to mean 59,994 and standard deviation 10,000 (to 0.0001 %).</summary>
        private static long NoiseUv(ref uint state)
        {
            long sum = 0;
            for (int k = 0; k < 12; k++)
            {
                sum += Next(ref state) % 10000;
            }

            return ((sum - 59994) * NoiseUvPerSigma) / 10000;
        }

        /// <summary>Nearest mV, halves away from zero.</summary>
        private static int RoundToMv(long microvolts)
        {
            return (int)(microvolts >= 0 ? (microvolts + 500) / 1000 : -((-microvolts + 500) / 1000));
        }

        /// <summary>Marsaglia's xorshift32: the same sequence on every runtime.</summary>
        private static uint Next(ref uint state)
        {
            uint x = state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            state = x;
            return x;
        }
    }
}
