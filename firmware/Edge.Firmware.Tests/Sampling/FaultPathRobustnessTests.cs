// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using Edge.Firmware.Watchdog;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Sampling
{
    /// <summary>
    /// The device's fault paths when a part of them fails too: a switch driver that throws while the switches are
    /// latched open, an enable pin that cannot be written, an event log full while offline, a console paste longer
    /// than the line buffer. Every test builds its own fakes (the launcher runs [Setup] once per class and shares statics).
    /// </summary>
    [TestClass]
    public class FaultPathRobustnessTests
    {
        private const int PeriodMs = 10;

        // ---- Finding 1: LoadSwitchBank.LatchOpen stops at the first switch driver that throws ----

        [TestMethod]
        public void ATickThatThrowsWithOneStuckSwitchDriverStillOpensEveryOtherSwitchAndReports()
        {
            FakeLoadSwitch a = new FakeLoadSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            Rig rig = new Rig(a, b, null);
            CloseBoth(rig.Bank);
            Assert.IsTrue(b.IsClosed, "precondition: switch 1 closed");

            // Module 0's driver is stuck (commanding it open throws); then the ADC fails inside a tick.
            a.OpenFailuresLeft = 100;
            rig.Inputs.ThrowOnRead = true;
            bool escaped = false;
            bool result = true;
            try
            {
                result = rig.Loop.TickOnce();
            }
            catch (Exception)
            {
                escaped = true;
            }

            Assert.IsFalse(b.IsClosed, "switch 1 is still closed after the failed tick latched the bank (stopped at stuck switch 0)");
            Assert.IsFalse(escaped, "the tick's exception escaped TickOnce: on the device the sampling thread dies here");
            Assert.IsFalse(result, "TickOnce must report the failed tick");
            Assert.IsTrue(HasEvent(rig.Events, "tick-exception"), "no tick-exception event");
        }

        [TestMethod]
        public void AWatchdogTripWithOneStuckSwitchDriverStillOpensEveryOtherSwitchAndReports()
        {
            FakeLoadSwitch a = new FakeLoadSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            LoadSwitchBank bank = new LoadSwitchBank(new ILoadSwitch[] { a, b });
            CloseBoth(bank);
            DeviceEventLog events = new DeviceEventLog();
            SamplingWatchdog watchdog = new SamplingWatchdog(new TickStatistics(), bank, events, null, PeriodMs);
            a.OpenFailuresLeft = 100;

            bool escaped = false;
            try
            {
                watchdog.Check(5, 5);
            }
            catch (Exception)
            {
                escaped = true;
            }

            Assert.IsFalse(b.IsClosed, "switch 1 is still closed after the watchdog tripped");
            Assert.IsFalse(escaped, "Check threw: on the device the watchdog thread dies here");
            Assert.IsTrue(HasEvent(events, "watchdog"), "no watchdog event");
        }

        // ---- Finding 2: the hardware-enable feed write is outside the tick's try/catch ----

        [TestMethod]
        public void AnEnableFeedWriteThatThrowsIsATickFailureThatLatchesTheSwitchesAndReports()
        {
            ThrowingEnableFeed feed = new ThrowingEnableFeed();
            Rig rig = new Rig(new FakeLoadSwitch(), new FakeLoadSwitch(), feed);
            rig.Timer.StepUsPerRead = 2000;
            Assert.IsTrue(rig.Loop.TickOnce(), "a healthy first tick");

            feed.Throw = true;
            bool escaped = false;
            bool result = true;
            try
            {
                result = rig.Loop.TickOnce();
            }
            catch (Exception)
            {
                escaped = true;
            }

            Assert.IsTrue(rig.Bank.IsLatchedOpen, "switch bank not latched open");
            Assert.IsTrue(rig.Loop.HasFailed, "loop does not know it failed");
            Assert.IsFalse(escaped, "the feed pin's exception escaped TickOnce: on the device the sampling thread dies silently");
            Assert.IsFalse(result, "TickOnce must report the failed tick");
            Assert.IsTrue(HasEvent(rig.Events, "tick-exception"), "no tick-exception event");
        }

        // ---- Finding 3: device events dropped from a full DeviceEventLog are counted but never reported ----

        [TestMethod]
        public void DeviceEventsDroppedWhileOfflineAreReportedToTheBroker()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-7";
            settings.MqttHost = "broker";
            TopicSet topics = new TopicSet("pack-7");
            FakeConnection connection = new FakeConnection(topics);
            FakeClock clock = new FakeClock();
            OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            MessageOutbox outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            connection.Outbox = outbox;
            EdgeController controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            DeviceEventLog events = new DeviceEventLog();
            MqttSession session = new MqttSession(settings, topics, connection, clock, outbox, "B007", controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "B007"), events, null);

            // A safety event while the broker is away, then the session's own failed attempts (one event each, 30 s apart).
            events.Report("watchdog", "no sampling tick for 100 ms: all switches latched open and setpoints at 0 until reboot");
            connection.NextOutcome = ConnectOutcome.BrokerUnreachable;
            for (int i = 0; i < 40; i++)
            {
                session.Pass();
                clock.NowMs += 30000;
            }

            connection.NextOutcome = ConnectOutcome.Accepted;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            session.Pass();

            string prefix = "edge/pack-7/device-event|";
            bool watchdogSeen = false;
            bool lossReported = false;
            int published = 0;
            for (int i = 0; i < connection.Published.Count; i++)
            {
                string line = connection.PublishedAt(i);
                if (!line.StartsWith(prefix))
                {
                    continue;
                }

                published++;
                watchdogSeen = watchdogSeen || line.IndexOf("\"code\":\"watchdog\"") >= 0;
                lossReported = lossReported || line.IndexOf("dropped") >= 0 || line.IndexOf("lost") >= 0 || line.IndexOf("not shown") >= 0;
            }

            Assert.IsTrue(watchdogSeen || lossReported, "the watchdog event was dropped and no published event says events were lost (" + published.ToString() + " device events published)");
        }

        // ---- Finding 4: console lines beyond 8 in one receive are dropped without a word ----

        [TestMethod]
        public void EveryLineOfAPastedBlockIsAnsweredOrReportedAsDropped()
        {
            ConsoleSession console = new ConsoleSession(new ConsoleCommands(null));
            string pasted = "help\n";
            for (int i = 1; i <= 9; i++)
            {
                pasted = pasted + "bogus" + i.ToString() + "\n";
            }

            string output = console.Process(pasted);

            Assert.IsNotNull(output);
            bool helpAnswered = output.IndexOf(ConsoleCommands.Help) >= 0;
            bool firstBogusAnswered = output.IndexOf("'bogus1'") >= 0;
            bool dropReported = output.IndexOf("dropped") >= 0 || output.IndexOf("ignored") >= 0 || output.IndexOf("lost") >= 0;
            Assert.IsTrue((helpAnswered && firstBogusAnswered) || dropReported, "the first two of ten pasted lines got no answer and no error: " + output);
        }

        // ---- helpers ----

        private static void CloseBoth(LoadSwitchBank bank)
        {
            ActionFrame close = new ActionFrame(new PackLayout(2, 1, 0));
            close.SwitchClosed[0] = true;
            close.SwitchClosed[1] = true;
            bank.Apply(close);
        }

        private static bool HasEvent(DeviceEventLog events, string code)
        {
            while (events.Peek() != null)
            {
                if (events.Peek().Code == code)
                {
                    return true;
                }

                events.RemoveOldest();
            }

            return false;
        }

        /// <summary>A hardware-enable feed pin whose write can fail (a GPIO driver error).</summary>
        private sealed class ThrowingEnableFeed : IEnableFeedOutput
        {
            public bool Throw { get; set; }

            public void Write(bool level)
            {
                if (Throw)
                {
                    throw new InvalidOperationException("fake feed pin failure");
                }
            }
        }

        /// <summary>The DevKitC board's loop over fakes (two modules), nothing started.</summary>
        private sealed class Rig
        {
            public Rig(FakeLoadSwitch a, FakeLoadSwitch b, IEnableFeedOutput feed)
            {
                BoardSetup setup = BoardSetup.FromCatalog("esp32-devkitc-4s2m");
                Timer = new FakeSampleTimer();
                Inputs = new FakeAnalogInputs();
                Events = new DeviceEventLog();
                Bank = new LoadSwitchBank(new ILoadSwitch[] { a, b });
                Loop = new SamplingLoop(
                    Timer,
                    new EdgeController(setup.Layout, setup.Configuration),
                    new SampleAcquisition(setup.Board, Inputs),
                    Bank,
                    null,
                    new TickStatistics(),
                    Events,
                    PeriodMs,
                    feed);
            }

            public FakeSampleTimer Timer { get; }

            public FakeAnalogInputs Inputs { get; }

            public DeviceEventLog Events { get; }

            public LoadSwitchBank Bank { get; }

            public SamplingLoop Loop { get; }
        }
    }
}
