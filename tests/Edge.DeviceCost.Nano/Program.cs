using System;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The device-cost benchmark on nanoFramework itself: the same 16-cell, 4-module pack and frames as the Mono
    /// proxy (Edge.DeviceCost), run on nanoCLR, on an ESP32 or on nf-interpreter's POSIX build (run-on-nanoclr.sh
    /// beside this file). First boots on each shipped board as the firmware does (BoardBoot: parse, configure,
    /// encode the config message, convert one raw frame) and prints its checksum and time, then runs the hard-short
    /// safety check (HardShortCheck) and the command check (CommandCheck). Then prints the best of five rounds of 3,000 ticks, with and without publishing, the free
    /// managed heap around one round, and the checksum of every published byte: the Mono proxy prints the same
    /// checksum for the same ticks (--warmup 18000 --ticks 3000 --rounds 5 --checksum) when the core behaves alike
    /// on both runtimes.
    /// </summary>
    public static class Program
    {
        private const int WarmupTicks = 3 * BenchmarkPack.FrameCount;
        private const int TicksPerRound = 3000;
        private const int Rounds = 5;

        public static void Main()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Console.WriteLine("Edge.DeviceCost.Nano failed: " + e.GetType().FullName + ": " + e.Message);
                Console.WriteLine(e.StackTrace);
            }
        }

        private static void Run()
        {
            Console.WriteLine("Edge device cost on nanoCLR: 16-cell, 4-module pack, every detector on, 10 ms ticks");
            for (int board = 0; board < BoardBoot.BoardCount; board++)
            {
                long bootStart = DateTime.UtcNow.Ticks;
                uint checksum = BoardBoot.Checksum(BoardBoot.Text(board));
                long boot = DateTime.UtcNow.Ticks - bootStart;
                Console.WriteLine("Board boot " + BoardBoot.Name(board) + ": checksum " + checksum.ToString("x8") + " (" + (boot / 10000) + " ms)");
            }

            Console.WriteLine("Hard short check: " + HardShortCheck.Run());
            Console.WriteLine("Command check: " + CommandCheck.Run());
            var tickPack = new BenchmarkPack(false, false);
            var publishPack = new BenchmarkPack(true, true);
            tickPack.Run(WarmupTicks);
            publishPack.Run(WarmupTicks);
            tickPack.CheckHealthy();
            publishPack.CheckHealthy();

            long bestTick = long.MaxValue;
            long bestPublish = long.MaxValue;
            uint freeBefore = 0;
            uint freeBetween = 0;
            uint freeAfter = 0;
            for (int round = 1; round <= Rounds; round++)
            {
                if (round == 1)
                {
                    // A collection before and after: what the round allocated and left behind shows as less free heap.
                    freeBefore = NativeGC.Run(false);
                }

                long start = DateTime.UtcNow.Ticks;
                tickPack.Run(TicksPerRound);
                long tick = DateTime.UtcNow.Ticks - start;
                if (round == 1)
                {
                    // Also marks the boundary between the two halves for an instruction count (README).
                    freeBetween = NativeGC.Run(false);
                }

                start = DateTime.UtcNow.Ticks;
                publishPack.Run(TicksPerRound);
                long publish = DateTime.UtcNow.Ticks - start;
                if (round == 1)
                {
                    freeAfter = NativeGC.Run(false);
                }

                bestTick = tick < bestTick ? tick : bestTick;
                bestPublish = publish < bestPublish ? publish : bestPublish;
                Console.WriteLine("  round " + round + ": tick " + Microseconds(tick) + " us/tick, tick + publish " + Microseconds(publish) + " us/tick");
            }

            Console.WriteLine("Best of " + Rounds + ": tick " + Microseconds(bestTick) + " us/tick, tick + publish " + Microseconds(bestPublish) + " us/tick");
            Console.WriteLine("Free managed heap in round 1: " + freeBefore + " bytes before, " + freeBetween + " after the ticks, " + freeAfter + " after the ticks with publishing");
            Console.WriteLine("Publish pack: " + publishPack.PulseCount() + " pulses, " + publishPack.MessagesPublished + " messages, " + publishPack.PayloadBytesPublished + " payload bytes, payload checksum " + publishPack.PayloadChecksum.ToString("x8"));
        }

        /// <summary>Microseconds per tick, with one decimal, from 100 ns DateTime ticks over a round.</summary>
        private static string Microseconds(long elapsed)
        {
            long tenths = elapsed / TicksPerRound;
            return (tenths / 10) + "." + (tenths % 10);
        }
    }
}
