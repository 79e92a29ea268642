// Licensed under the MIT License.

using System.Threading;
using Edge.Core;
using Edge.Core.Records;
using Xunit;

namespace Edge.Firmware.HostTests.Calibration
{
    /// <summary>
    /// A calibration ended by an operator (console or MQTT thread) while the sampling thread is in the middle of a
    /// tick. Starts are refused while the switches are held (CalibrationStartRefusalTests), so the controller never
    /// believes a module pulses under the hold; the end lifts the bar and asks for a stop at the next tick boundary. The
    /// tick under way must go on holding the switches, and no tick may judge the calibration's own open-switch frames as
    /// a fault: no switch closes and no module latches, wherever in a tick the calibration ends.
    /// </summary>
    public class CalibrationEndDuringATickTests
    {
        private const int Rounds = 100;

        [Fact]
        public void NoSwitchClosesAndNothingLatchesWhenACalibrationEndsDuringATick()
        {
            for (int round = 0; round < Rounds; round++)
            {
                CalibrationRig rig = new CalibrationRig();
                Assert.True(rig.Loop.TickOnce());
                Assert.Null(rig.Mode.Begin(null, 0));
                Assert.False(rig.Controller.RequestStart(-1), "a start under the calibration's hold is refused");
                Assert.True(rig.Loop.TickOnce());
                Assert.Equal(ModuleState.Idle, rig.Controller.Module(0).State);
                Assert.False(rig.AnySwitchEverClosed());

                bool stop = false;
                Thread sampling = new Thread(() =>
                {
                    while (!Volatile.Read(ref stop))
                    {
                        rig.Loop.TickOnce();
                    }
                });
                sampling.Start();

                // Let the sampling thread run into its ticks, ending the calibration at a different point of one each round.
                int started = rig.Statistics.TickCount;
                while (rig.Statistics.TickCount < started + 2)
                {
                    Thread.SpinWait(10);
                }

                Thread.SpinWait(round * 7 % 400);
                Assert.Null(rig.Mode.Abort());
                int ended = rig.Statistics.TickCount;
                while (rig.Statistics.TickCount < ended + 3)
                {
                    Thread.SpinWait(10);
                }

                Volatile.Write(ref stop, true);
                sampling.Join();

                Assert.False(rig.AnySwitchEverClosed(), "a switch closed as the calibration ended (round " + round + ")");
                for (int m = 0; m < rig.ModuleCount; m++)
                {
                    // Never started, so never stopped: Idle, and no latch from the frames the hold left at 0.
                    Assert.False(rig.Controller.Diagnosis.HasLatchedFault(m), "module " + m + " latched (round " + round + ")");
                    Assert.Equal(ModuleState.Idle, rig.Controller.Module(m).State);
                }
            }
        }
    }
}
