using System;
using Edge.Core.Sampling;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The tick benchmarks' fixed frame sequence for a 4-module, 4-cell pack on the default protocol (1 s pulses at
    /// 385 uA, 5 s rests, 10 ms ticks): a square-root rise while the current flows, the matching relaxation in the
    /// rest, 1.6 mV of reading noise (seed 11). One source for the BenchmarkDotNet ControllerTick benchmark and the
    /// interpreter benchmark, so their figures compare.
    /// </summary>
    internal static class SyntheticPackFrames
    {
        public const int Modules = 4;
        public const int CellsPerModule = 4;
        public const int PeriodTicks = 600;    // 6 s at 10 ms
        public const int PulseTicks = 100;     // 1 s
        public const int FrameCount = PeriodTicks * 10;

        public static PackLayout Layout()
        {
            return new PackLayout(Modules, CellsPerModule, 2);
        }

        public static SampleFrame[] Build(PackLayout layout)
        {
            var frames = new SampleFrame[FrameCount];
            var random = new Random(11);
            for (int i = 0; i < FrameCount; i++)
            {
                var frame = new SampleFrame(layout);
                int phase = i % PeriodTicks;

                // The switch closes at tick 0 of each period; samples 1..100 carry the current that flowed.
                bool current = phase >= 1 && phase <= PulseTicks;
                for (int m = 0; m < Modules; m++)
                {
                    frame.ModuleCurrentUa[m] = current ? 385 : random.Next(-3, 4);
                    for (int c = 0; c < CellsPerModule; c++)
                    {
                        double t = phase / 100.0;
                        double v = current
                            ? 150 + (20 * Math.Sqrt(t))
                            : (phase > PulseTicks ? 20 * (Math.Sqrt(t) - Math.Sqrt(t - 1.0)) : 0);
                        frame.CellVoltageMv[(m * CellsPerModule) + c] = (int)Math.Round(v + (1.6 * Gaussian(random)));
                    }
                }

                frame.TemperatureDeciCelsius[0] = 250;
                frame.TemperatureDeciCelsius[1] = 251;
                frames[i] = frame;
            }

            return frames;
        }

        private static double Gaussian(Random random)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
