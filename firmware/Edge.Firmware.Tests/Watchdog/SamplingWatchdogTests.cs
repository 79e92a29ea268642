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
