// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Records;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Sampling
{
    /// <summary>
    /// The network thread's quiet window around a call that stops the runtime (<see cref="ControlLoopPause"/>): granted
    /// at the loop's next tick, which suspends the controller; a 1 s gap while suspended (the runtime standing still in a
    /// TLS handshake) latches nothing; after <see cref="ControlLoopPause.Leave"/> the same gap latches tickMissed again.
    /// A loop that does not tick within the watchdog's 10 periods grants no window. Ticks run one by one on the test
    /// thread: the window's waits tick the loop, as the sampling thread would meanwhile. DevKitC board, 10 ms period.
    /// </summary>
    [TestClass]
    public class ControlLoopPauseTests
    {
        private const int PeriodMs = 10;

        [TestMethod]
        public void TheWindowIsGrantedAtTheNextTickAndAGapInsideItLatchesNothing()
        {
            Rig rig = new Rig();
            rig.Tick(PeriodMs);
            rig.Tick(PeriodMs);
            rig.Delay.Ticks = true;
            Assert.IsTrue(rig.Pause.Enter(), "window refused: " + rig.Pause.LastError);
            Assert.IsTrue(rig.Controller.IsSuspended);
            Assert.AreEqual(1, rig.Delay.Waits, "granted at the first tick after the request");
            rig.Delay.Ticks = false;

            // The blocking call: the runtime stands still for 1 s, then the loop answers its releases.
            // (The fake inputs read 0 counts, so channel rows may latch the modules meanwhile: the tick watch's own row is
            // what is judged here.)
            rig.Tick(1000);
            Assert.IsFalse(rig.Controller.Diagnosis.IsActive(DiagnosisId.TickMissed, 0), "a gap inside the window was judged a missed tick");
            rig.Tick(PeriodMs);
            rig.Pause.Leave();
            rig.Tick(1000);
            Assert.IsFalse(rig.Controller.IsSuspended, "the window did not end at the tick after Leave");
            Assert.IsFalse(rig.Controller.Diagnosis.IsActive(DiagnosisId.TickMissed, 0), "the gap before the resumption was judged a missed tick");
            rig.Tick(PeriodMs);

            // Outside the window the same gap is a missed tick.
            rig.Tick(1000);
            Assert.IsTrue(rig.Controller.Diagnosis.IsActive(DiagnosisId.TickMissed, 0), "a 1 s gap outside the window was not judged a missed tick");
        }

        [TestMethod]
        public void ALoopThatDoesNotTickGrantsNoWindowAndTheRequestIsWithdrawn()
        {
            Rig rig = new Rig();
            rig.Tick(PeriodMs);
            rig.Delay.Ticks = false;
            Assert.IsFalse(rig.Pause.Enter(), "a window granted without a tick");
            Assert.IsNotNull(rig.Pause.LastError);
            Assert.IsTrue(rig.Pause.LastError.IndexOf("100 ms") >= 0, "the reason names the 10-period wait: " + rig.Pause.LastError);

            // 100 ms in 5 ms polls.
            Assert.AreEqual(20, rig.Delay.Waits);
            rig.Tick(PeriodMs);
            Assert.IsFalse(rig.Controller.IsSuspended, "the withdrawn request still suspended the controller");
        }

        [TestMethod]
        public void SwitchesLatchedOpenAreQuietWithoutATick()
        {
            Rig rig = new Rig();
            rig.Tick(PeriodMs);
            rig.Bank.LatchOpen();
            rig.Delay.Ticks = false;
            Assert.IsTrue(rig.Pause.Enter(), "refused although every switch is latched open: " + rig.Pause.LastError);
            Assert.AreEqual(0, rig.Delay.Waits);
            rig.Pause.Leave();
        }

        /// <summary>Ticks the loop once per wait while <see cref="Ticks"/> (the sampling thread running), else only counts.</summary>
        private sealed class TickingDelay : IBootDelay
        {
            public Rig Rig { get; set; }

            public bool Ticks { get; set; }

            public int Waits { get; private set; }

            public void Wait(int delayMs)
            {
                Waits++;
                if (Ticks)
                {
                    Rig.Tick(PeriodMs);
                }
            }
        }

        private sealed class Rig
        {
            private ulong _nowUs = 1000000;

            public Rig()
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
                Timer = new FakeSampleTimer();
                ILoadSwitch[] switches = new ILoadSwitch[setup.Layout.ModuleCount];
                for (int m = 0; m < switches.Length; m++)
                {
                    switches[m] = new FakeLoadSwitch();
                }

                Bank = new LoadSwitchBank(switches);
                Controller = new EdgeController(setup.Layout, setup.Configuration);
                Loop = new SamplingLoop(Timer, Controller, new SampleAcquisition(setup.Board, new FakeAnalogInputs()), Bank, null, new TickStatistics(), new DeviceEventLog(), PeriodMs, null);
                Delay = new TickingDelay();
                Delay.Rig = this;
                Pause = new ControlLoopPause(Controller, Bank, PeriodMs, Delay);
            }

            public FakeSampleTimer Timer { get; }

            public LoadSwitchBank Bank { get; }

            public EdgeController Controller { get; }

            public SamplingLoop Loop { get; }

            public TickingDelay Delay { get; }

            public ControlLoopPause Pause { get; }

            /// <summary>One tick <paramref name="afterMs"/> after the last.</summary>
            public void Tick(int afterMs)
            {
                _nowUs += (ulong)(afterMs * 1000);
                Timer.SetNowUs(_nowUs);
                Assert.IsTrue(Loop.TickOnce(), "the tick threw");
            }
        }
    }
}
