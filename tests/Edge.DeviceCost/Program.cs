using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Edge.DeviceCost
{
    /// <summary>
    /// Microseconds per control tick of the 16-cell, 4-module pack, and per tick plus publish (encode and
    /// outbox pump into a sink), as process user CPU time and wall time. Meant for Mono's IL interpreter
    /// (mono --interpreter), a proxy for nanoCLR: both pay for every IL instruction, call and array access.
    /// Options: --warmup N (ticks before measuring, default 18000), --ticks N (measured ticks per round,
    /// default 30000), --rounds N (default 3), --mode both|tick|publish (default both), --checksum (hash every
    /// published byte, to show two builds publish the same; it adds to the publish figure). Rounds interleave
    /// the two modes; the best round of each is the figure (the machine's other load only adds time). First it prints
    /// the boot checksum of each shipped board (BoardBoot), which nanoCLR's run of Edge.DeviceCost.Nano must match,
    /// the hard-short safety check (HardShortCheck) and the command check (CommandCheck).
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            int warmup = 3 * BenchmarkPack.FrameCount;
            int ticks = 30000;
            int rounds = 3;
            string mode = "both";
            bool checksum = false;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name == "--checksum")
                {
                    checksum = true;
                    continue;
                }

                if (i + 1 >= args.Length)
                {
                    return Usage("option " + name + " needs a value");
                }

                string value = args[++i];
                int number;
                bool isNumber = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
                switch (name)
                {
                    case "--warmup":
                        if (!isNumber)
                        {
                            return Usage("--warmup must be a whole number of ticks, not '" + value + "'");
                        }

                        warmup = number;
                        break;
                    case "--ticks":
                        if (!isNumber)
                        {
                            return Usage("--ticks must be a whole number of ticks, not '" + value + "'");
                        }

                        ticks = number;
                        break;
                    case "--rounds":
                        if (!isNumber || number < 1)
                        {
                            return Usage("--rounds must be a whole number of at least 1, not '" + value + "'");
                        }

                        rounds = number;
                        break;
                    case "--mode":
                        if (value != "both" && value != "tick" && value != "publish")
                        {
                            return Usage("--mode must be both, tick or publish, not '" + value + "'");
                        }

                        mode = value;
                        break;
                    default:
                        return Usage("unknown option '" + name + "'");
                }
            }

            bool runTick = mode != "publish";
            bool runPublish = mode != "tick";
            Console.WriteLine("Edge device-cost proxy: 16-cell, 4-module pack, every detector on, 10 ms ticks");
            Console.WriteLine("Runtime: " + RuntimeDescription());
            Console.WriteLine("These are figures of this host's runtime, a proxy for the device's interpreter, not the device.");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Warm-up {0} ticks, then {1} rounds of {2} measured ticks", warmup, rounds, ticks));

            for (int board = 0; board < BoardBoot.BoardCount; board++)
            {
                Console.WriteLine("Board boot " + BoardBoot.Name(board) + ": checksum " + BoardBoot.Checksum(BoardBoot.Text(board)).ToString("x8", CultureInfo.InvariantCulture));
            }

            Console.WriteLine("Hard short check: " + HardShortCheck.Run());
            Console.WriteLine("Command check: " + CommandCheck.Run());
            BenchmarkPack tickPack = runTick ? new BenchmarkPack(false, false) : null;
            BenchmarkPack publishPack = runPublish ? new BenchmarkPack(true, checksum) : null;
            if (tickPack != null)
            {
                tickPack.Run(warmup);
            }

            if (publishPack != null)
            {
                publishPack.Run(warmup);
            }

            if (warmup >= 3 * BenchmarkPack.FrameCount)
            {
                if (tickPack != null)
                {
                    tickPack.CheckHealthy();
                }

                if (publishPack != null)
                {
                    publishPack.CheckHealthy();
                }
            }

            if (ticks == 0)
            {
                Console.WriteLine("No measured ticks.");
                return 0;
            }

            var tickBest = new Measurement();
            var publishBest = new Measurement();
            for (int round = 1; round <= rounds; round++)
            {
                if (tickPack != null)
                {
                    Measurement m = Measure(tickPack, ticks);
                    Report("tick", round, m);
                    tickBest.KeepBest(m);
                }

                if (publishPack != null)
                {
                    Measurement m = Measure(publishPack, ticks);
                    Report("tick + publish", round, m);
                    publishBest.KeepBest(m);
                }
            }

            Console.WriteLine("Best of " + rounds + " (us per tick):");
            if (tickPack != null)
            {
                Report("tick", 0, tickBest);
                Console.WriteLine("  tick pack: " + tickPack.PulseCount() + " pulses");
            }

            if (publishPack != null)
            {
                Report("tick + publish", 0, publishBest);
                Console.WriteLine("  publish pack: " + publishPack.PulseCount() + " pulses, " + publishPack.MessagesPublished + " messages, " + publishPack.PayloadBytesPublished + " payload bytes" + (checksum ? ", payload checksum " + publishPack.PayloadChecksum.ToString("x8", CultureInfo.InvariantCulture) : string.Empty));
            }

            return 0;
        }

        private static Measurement Measure(BenchmarkPack pack, int ticks)
        {
            Process self = Process.GetCurrentProcess();
            self.Refresh();
            TimeSpan cpuBefore = self.UserProcessorTime;
            Stopwatch wall = Stopwatch.StartNew();
            pack.Run(ticks);
            wall.Stop();
            self.Refresh();
            TimeSpan cpuAfter = self.UserProcessorTime;
            return new Measurement
            {
                CpuUsPerTick = (cpuAfter - cpuBefore).TotalMilliseconds * 1000.0 / ticks,
                WallUsPerTick = wall.Elapsed.TotalMilliseconds * 1000.0 / ticks,
            };
        }

        private static void Report(string what, int round, Measurement m)
        {
            string label = round > 0 ? "round " + round + ", " + what : what;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} user CPU {1,8:F2} us/tick   wall {2,8:F2} us/tick", label + ":", m.CpuUsPerTick, m.WallUsPerTick));
        }

        private static string RuntimeDescription()
        {
            Type mono = Type.GetType("Mono.Runtime");
            if (mono == null)
            {
                return ".NET Framework or .NET (JIT), not the interpreter proxy: run it with mono --interpreter";
            }

            var displayName = mono.GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
            string version = displayName == null ? "Mono" : "Mono " + displayName.Invoke(null, null);
            return version + (MonoRunsInterpreter() ? ", IL interpreter (--interpreter)" : ", JIT: add --interpreter for the device proxy");
        }

        /// <summary>Mono does not expose its execution mode; on Linux its own command line tells.</summary>
        private static bool MonoRunsInterpreter()
        {
            try
            {
                string commandLine = File.ReadAllText("/proc/self/cmdline");
                string options = Environment.GetEnvironmentVariable("MONO_ENV_OPTIONS") ?? string.Empty;
                return commandLine.Contains("--interpreter") || options.Contains("--interpreter");
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static int Usage(string problem)
        {
            Console.Error.WriteLine("Edge.DeviceCost: " + problem);
            Console.Error.WriteLine("usage: mono --interpreter Edge.DeviceCost.exe [--warmup N] [--ticks N] [--rounds N] [--mode both|tick|publish] [--checksum]");
            return 2;
        }

        private sealed class Measurement
        {
            public double CpuUsPerTick { get; set; } = double.MaxValue;

            public double WallUsPerTick { get; set; } = double.MaxValue;

            public void KeepBest(Measurement other)
            {
                CpuUsPerTick = Math.Min(CpuUsPerTick, other.CpuUsPerTick);
                WallUsPerTick = Math.Min(WallUsPerTick, other.WallUsPerTick);
            }
        }
    }
}
