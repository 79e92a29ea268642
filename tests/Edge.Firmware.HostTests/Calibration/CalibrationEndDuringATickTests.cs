// Licensed under the MIT License.

using System.Threading;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Records;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Calibration
{
    /// <summary>
    /// A calibration ended by an operator (console or MQTT thread) while the sampling thread is in the middle of a
    /// tick. A start sent during the calibration has the modules pulsing in the controller's view while their
    /// switches are held open; ending the calibration asks the controller to stop them at its next tick boundary. The
    /// tick under way has read its commands already, so it must go on holding the switches: no switch may close.
    /// </summary>
    public class CalibrationEndDuringATickTests
    {
        private const int Rounds = 100;

        [Fact]
        public void NoSwitchClosesWhenACalibrationEndsDuringATick()
        {
            for (int round = 0; round < Rounds; round++)
            {
                Rig rig = new Rig();
                Assert.True(rig.Loop.TickOnce());
                Assert.Null(rig.Mode.Begin(null, 0));
                rig.Controller.RequestStart(-1);
                Assert.True(rig.Loop.TickOnce());
                Assert.Equal(ModuleState.Pulse, rig.Controller.Module(0).State);
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
                for (int m = 0; m < 2; m++)
                {
                    // Done by the stop, or Hold when the diagnosis latched the current that never came while the switch was held.
                    ModuleState state = rig.Controller.Module(m).State;
                    Assert.True(state == ModuleState.Done || state == ModuleState.Hold, "module " + m + " still runs: " + state);
                }
            }
        }

        /// <summary>The DevKitC loop over fakes, calibrated with the board's nominal curves, nothing started at boot, every reading at 0.</summary>
        private sealed class Rig
        {
            private readonly FakeLoadSwitch[] _switches;

            public Rig()
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
                BoardDefinition board = setup.Board;
                setup.Configuration.StartImmediately = false;
                FakeAnalogInputs inputs = new FakeAnalogInputs();
                foreach (int pin in new[] { 36, 39, 34, 35 })
                {
                    inputs.SetPin(pin, 1344);
                }

                inputs.SetPin(32, 1345);
                inputs.SetPin(33, 1345);
                _switches = new FakeLoadSwitch[setup.Layout.ModuleCount];
                ILoadSwitch[] switches = new ILoadSwitch[_switches.Length];
                for (int m = 0; m < switches.Length; m++)
                {
                    _switches[m] = new FakeLoadSwitch();
                    switches[m] = _switches[m];
                }

                FakeSampleTimer timer = new FakeSampleTimer();
                timer.StepUsPerRead = 1000;
                DeviceEventLog events = new DeviceEventLog();
                Controller = new EdgeController(setup.Layout, setup.Configuration);
                SampleAcquisition acquisition = new SampleAcquisition(board, inputs, NominalRecord.Unit(board, "unit-1"));
                Mode = new CalibrationMode(board, acquisition, new FakeUnitRecordStore(), events, "unit-1", Controller);
                Statistics = new TickStatistics();
                Loop = new SamplingLoop(timer, Controller, acquisition, new LoadSwitchBank(switches), null, Statistics, events, 10, null);
                Loop.Calibration = Mode;
            }

            public EdgeController Controller { get; }

            public CalibrationMode Mode { get; }

            public TickStatistics Statistics { get; }

            public SamplingLoop Loop { get; }

            public bool AnySwitchEverClosed()
            {
                foreach (FakeLoadSwitch s in _switches)
                {
                    if (s.WasEverClosed)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
