// Licensed under the MIT License.

using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Sampling;
using Edge.Firmware.Watchdog;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Watchdog
{
    /// <summary>A stalled sampling thread (no tick between two checks) ends with every switch latched open and an event.</summary>
    [TestClass]
    public class SamplingWatchdogTests
    {
        [TestMethod]
        public void NoTickBetweenChecksLatchesEverySwitchOpen()
        {
            FakeLoadSwitch a = new FakeLoadSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { a, b });
            ActionFrame actions = new ActionFrame(new PackLayout(2, 1, 0));
            actions.SwitchClosed[0] = true;
            actions.SwitchClosed[1] = true;
            bank.Apply(actions);
            DeviceEventLog events = new DeviceEventLog();
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), bank, events, null, 10);

            Assert.IsFalse(watchdog.Check(41, 42));
            Assert.IsTrue(a.IsClosed);
            Assert.IsTrue(watchdog.Check(42, 42));

            Assert.IsFalse(a.IsClosed);
            Assert.IsFalse(b.IsClosed);
            Assert.IsTrue(bank.IsLatchedOpen);
            Assert.AreEqual("watchdog", events.Peek().Code);
            bank.Apply(actions);
            Assert.IsFalse(a.IsClosed);
        }

        [TestMethod]
        public void ATripAlsoLatchesEverySetpointAtZero()
        {
            // The DevKitC's DAC setpoints, 10 uA a code: 385 uA runs as code 38 until the trip.
            Edge.Core.Boards.BoardDefinition board = Edge.Firmware.Boards.BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            FakeSetpointOutput a = new FakeSetpointOutput();
            FakeSetpointOutput b = new FakeSetpointOutput();
            CurrentSetpointBank setpoints = new CurrentSetpointBank(board, new ISetpointOutput[] { a, b });
            LoadSwitchBank switches = new LoadSwitchBank(new ILoadSwitch[] { new FakeLoadSwitch(), new FakeLoadSwitch() });
            ActionFrame actions = new ActionFrame(new PackLayout(2, 2, 0));
            actions.SwitchClosed[0] = true;
            actions.CurrentSetpointUa[0] = 385;
            setpoints.Apply(actions);
            Assert.AreEqual(38, a.Code);

            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), switches, new DeviceEventLog(), null, 10);
            watchdog.Setpoints = setpoints;
            Assert.IsTrue(watchdog.Check(7, 7));

            Assert.AreEqual(0, a.Code);
            Assert.AreEqual(0, b.Code);
            Assert.IsTrue(setpoints.IsLatchedAtZero);

            // A sampling thread that resumes after the trip cannot raise a setpoint again.
            setpoints.Apply(actions);
            Assert.AreEqual(0, a.Code);
        }

        [TestMethod]
        public void PollingEveryPeriodTripsOnTheTenthLookWithoutANewTick()
        {
            // 10 ms period, a look every 10 ms: the first look after the last tick sees it, ten more without one trip.
            // Looking once every 10 periods let a stall that began just after a look run for up to 20.
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { new FakeLoadSwitch() });
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), bank, new DeviceEventLog(), null, 10);

            Assert.IsFalse(watchdog.Poll(5));
            Assert.IsFalse(watchdog.Poll(6));
            for (int look = 1; look < SamplingWatchdog.StallPeriods; look++)
            {
                Assert.IsFalse(watchdog.Poll(6), "tripped after " + look.ToString() + " looks without a tick");
            }

            Assert.IsTrue(watchdog.Poll(6));
            Assert.IsTrue(bank.IsLatchedOpen);
        }

        [TestMethod]
        public void ATickBeforeTheTenthLookStartsTheCountAgain()
        {
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), new LoadSwitchBank(new ILoadSwitch[0]), new DeviceEventLog(), null, 10);
            watchdog.Poll(1);
            for (int look = 0; look < 9; look++)
            {
                watchdog.Poll(1);
            }

            // A late tick: nine quiet looks, then one with a new count, then nine quiet again.
            Assert.IsFalse(watchdog.Poll(2));
            for (int look = 0; look < 9; look++)
            {
                Assert.IsFalse(watchdog.Poll(2));
            }

            Assert.IsFalse(watchdog.HasTripped);
            Assert.IsTrue(watchdog.Poll(2));
        }

        [TestMethod]
        public void AOneMillisecondPeriodIsLookedAtEveryTenMillisecondsAndTripsAfterTen()
        {
            // 1 ms period: 10 ms without a tick. Looks every 10 ms (the shortest wait), so one quiet look trips.
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), new LoadSwitchBank(new ILoadSwitch[0]), new DeviceEventLog(), null, 1);
            Assert.IsFalse(watchdog.Poll(3));
            Assert.IsTrue(watchdog.Poll(3));
        }

        [TestMethod]
        public void TimeoutIsTenPeriods()
        {
            // 10 ms board period -> 100 ms without a tick; the message states it.
            DeviceEventLog events = new DeviceEventLog();
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), new LoadSwitchBank(new ILoadSwitch[0]), events, null, 10);

            watchdog.Check(0, 0);

            Assert.Contains("100 ms", events.Peek().Message);
        }

        [TestMethod]
        public void OverrunsAreCounted()
        {
            TickStatistics statistics = new TickStatistics();

            statistics.RecordTick(4000, 10000);
            statistics.RecordTick(12000, 10000);
            statistics.RecordMissedPeriods(2);

            Assert.AreEqual(2, statistics.TickCount);
            Assert.AreEqual(3, statistics.OverrunCount);
            Assert.AreEqual(12000, statistics.TakeMaximumTickUs());
            Assert.AreEqual(0, statistics.MaximumTickUs);
        }
    }
}
