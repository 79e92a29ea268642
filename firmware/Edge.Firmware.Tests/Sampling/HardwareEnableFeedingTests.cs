// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using Edge.Firmware.Watchdog;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Sampling
{
    /// <summary>
    /// The sampling loop toggles the board's hardware enable feed once per healthy tick and never
    /// otherwise: an overrunning tick, a tick that throws and a loop the watchdog caught stalling all
    /// leave the pin steady, so the monostable disables the gate drivers after its timeout.
    /// Ticks are run one by one on the test thread (no timer thread), with the DevKitC board's 10 ms period.
    /// </summary>
    [TestClass]
    public class HardwareEnableFeedingTests
    {
        private const int PeriodUs = 10000;

        [TestMethod]
        public void EveryHealthyTickTogglesTheFeedOnce()
        {
            Rig rig = new Rig();
            rig.Timer.StepUsPerRead = 2000;

            for (int i = 0; i < 7; i++)
            {
                Assert.IsTrue(rig.Loop.TickOnce(), "tick " + i.ToString());
            }

            // 7 toggles from low: high, low, ... high.
            Assert.AreEqual(7, rig.Feed.Toggles);
            Assert.AreEqual(7, rig.Feed.WriteCount);
            Assert.IsTrue(rig.Feed.Level, "odd number of toggles ends high");
            Assert.AreEqual(7, rig.Loop.EnableFeedCount);
        }

        [TestMethod]
        public void ATickThatOverrunsItsPeriodDoesNotFeed()
        {
            Rig rig = new Rig();
            rig.Timer.StepUsPerRead = 2000;
            rig.Loop.TickOnce();
            rig.Loop.TickOnce();
            Assert.AreEqual(2, rig.Feed.Toggles);

            // 15 ms of work in a 10 ms period: the tick completes but is not healthy.
            rig.Timer.StepUsPerRead = 15000;
            for (int i = 0; i < 5; i++)
            {
                Assert.IsTrue(rig.Loop.TickOnce());
            }

            Assert.AreEqual(2, rig.Feed.Toggles);

            // Back within the period: feeding resumes (the monostable may have timed out meanwhile, which is the point).
            rig.Timer.StepUsPerRead = 2000;
            rig.Loop.TickOnce();
            Assert.AreEqual(3, rig.Feed.Toggles);
        }

        [TestMethod]
        public void ATickThatThrowsStopsTheFeedForGood()
        {
            Rig rig = new Rig();
            rig.Timer.StepUsPerRead = 2000;
            rig.Loop.TickOnce();
            rig.Loop.TickOnce();
            rig.Loop.TickOnce();
            bool levelBefore = rig.Feed.Level;

            rig.Inputs.ThrowOnRead = true;
            Assert.IsFalse(rig.Loop.TickOnce(), "the failing tick");
            rig.Inputs.ThrowOnRead = false;
            Assert.IsFalse(rig.Loop.TickOnce(), "no tick after a failure");

            Assert.AreEqual(3, rig.Feed.Toggles);
            Assert.IsTrue(rig.Feed.Level == levelBefore, "the pin holds its level");
            Assert.IsTrue(rig.Loop.HasFailed);
            Assert.IsTrue(rig.Bank.IsLatchedOpen, "switches latched open");
        }

        [TestMethod]
        public void AStalledLoopCaughtByTheWatchdogIsNotFedAgainWhenItResumes()
        {
            Rig rig = new Rig();
            rig.Timer.StepUsPerRead = 2000;
            rig.Loop.TickOnce();
            rig.Loop.TickOnce();
            int ticks = rig.Statistics.TickCount;

            // The loop hangs: no tick between two watchdog checks, and no toggle either.
            SamplingWatchdog watchdog = new SamplingWatchdog(rig.Statistics, rig.Bank, rig.Events, null, 10);
            Assert.IsTrue(watchdog.Check(ticks, rig.Statistics.TickCount), "watchdog trips");
            Assert.AreEqual(2, rig.Feed.Toggles);

            // Ticks come back (a stall that cleared): they run, but the enable stays unfed until reboot.
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.AreEqual(2, rig.Feed.Toggles);
        }

        [TestMethod]
        public void ABoardWithoutAnEnableRunsWithoutOne()
        {
            Rig rig = new Rig(false);
            rig.Timer.StepUsPerRead = 2000;
            Assert.IsTrue(rig.Loop.TickOnce());
            Assert.AreEqual(0, rig.Loop.EnableFeedCount);
        }

        /// <summary>The loop of the DevKitC board over fakes, nothing started.</summary>
        private sealed class Rig
        {
            public Rig()
                : this(true)
            {
            }

            public Rig(bool withEnable)
            {
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
                Timer = new FakeSampleTimer();
                Inputs = new FakeAnalogInputs();
                Feed = new FakeEnableFeedOutput();
                Statistics = new TickStatistics();
                Events = new DeviceEventLog();
                ILoadSwitch[] switches = new ILoadSwitch[setup.Layout.ModuleCount];
                for (int m = 0; m < switches.Length; m++)
                {
                    switches[m] = new FakeLoadSwitch();
                }

                Bank = new LoadSwitchBank(switches);
                Loop = new SamplingLoop(
                    Timer,
                    new EdgeController(setup.Layout, setup.Configuration),
                    new SampleAcquisition(setup.Board, Inputs),
                    Bank,
                    null,
                    Statistics,
                    Events,
                    PeriodUs / 1000,
                    withEnable ? Feed : null);
            }

            public FakeSampleTimer Timer { get; }

            public FakeAnalogInputs Inputs { get; }

            public FakeEnableFeedOutput Feed { get; }

            public TickStatistics Statistics { get; }

            public DeviceEventLog Events { get; }

            public LoadSwitchBank Bank { get; }

            public SamplingLoop Loop { get; }
        }
    }
}
