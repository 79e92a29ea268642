// Licensed under the MIT License.

using System;
using Edge.Core.Boards;
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

        // ---- Latching the switches open tries every switch, whatever one driver does ----

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

        // ---- A hardware-enable write that throws is a failed tick ----

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

        // ---- Device events dropped from a full log while offline are reported, and the report drops nothing more ----

        [TestMethod]
        public void DeviceEventsDroppedWhileOfflineAreReportedToTheBroker()
        {
            // A safety event while the broker is away, then the session's own failed attempts (one event each, 30 s apart).
            OutageRig rig = new OutageRig("pack-7");
            rig.FailAttempts(40);
            Assert.AreEqual((int)SessionStep.Opened, (int)rig.Reconnect());
            FakeConnection connection = rig.Connection;

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

        [TestMethod]
        public void TheEventsDroppedReportDoesNotPushOutTheWatchdogTrip()
        {
            // The log is full of the watchdog and coalesced retries; the watchdog is still there before the reconnect.
            OutageRig rig = new OutageRig("pack-9");
            rig.FailAttempts(60);
            Assert.AreEqual(DeviceEventLog.Capacity, rig.Events.Count);
            Assert.AreEqual("watchdog", rig.Events.Peek().Code);
            Assert.AreEqual((int)SessionStep.Opened, (int)rig.Reconnect());

            string prefix = "edge/pack-9/device-event|";
            bool watchdogSeen = false;
            for (int i = 0; i < rig.Connection.Published.Count; i++)
            {
                string line = rig.Connection.PublishedAt(i);
                if (line.StartsWith(prefix) && line.IndexOf("\"code\":\"watchdog\"") >= 0)
                {
                    watchdogSeen = true;
                }
            }

            Assert.IsTrue(watchdogSeen, "the watchdog trip, kept through the whole outage, was evicted by the events-dropped report at the reconnect");
        }

        // ---- Console lines beyond 8 in one receive are reported as dropped ----

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

        /// <summary>
        /// A device (2 modules of 1 cell) whose session has a watchdog trip logged while the broker is unreachable;
        /// each failed attempt logs an event, 30 s apart.
        /// </summary>
        private sealed class OutageRig
        {
            private readonly FakeClock _clock = new FakeClock();
            private readonly MqttSession _session;

            public OutageRig(string deviceId)
            {
                DeviceSettings settings = new DeviceSettings();
                settings.DeviceId = deviceId;
                settings.MqttHost = "broker";
                TopicSet topics = new TopicSet(deviceId);
                Connection = new FakeConnection(topics);
                OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
                outboxConfiguration.SlotCount = 16;
                MessageOutbox outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
                Connection.Outbox = outbox;
                EdgeController controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
                Events = new DeviceEventLog();
                Connection.Events = Events;
                _session = new MqttSession(settings, topics, Connection, _clock, outbox, "B007", controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "B007"), Events, null);
                Events.Report("watchdog", "no sampling tick for 100 ms: all switches latched open and setpoints at 0 until reboot");
            }

            public FakeConnection Connection { get; }

            public DeviceEventLog Events { get; }

            public void FailAttempts(int attempts)
            {
                Connection.NextOutcome = ConnectOutcome.BrokerUnreachable;
                for (int i = 0; i < attempts; i++)
                {
                    _session.Pass();
                    _clock.NowMs += 30000;
                }
            }

            /// <summary>The broker is back: the opening pass (its step returned) and one more to publish.</summary>
            public SessionStep Reconnect()
            {
                Connection.NextOutcome = ConnectOutcome.Accepted;
                SessionStep opened = _session.Pass();
                _session.Pass();
                return opened;
            }
        }

        [TestMethod]
        public void AStoppedLoopKeepsItsSwitchesOpenAgainstALateTick()
        {
            // A tick still running when the loop is stopped (the join timed out on a stuck read or driver) applies
            // its actions after the stop: the stop latches, so they cannot close a switch again.
            FakeLoadSwitch a = new FakeLoadSwitch();
            FakeLoadSwitch b = new FakeLoadSwitch();
            Rig rig = new Rig(a, b, null);
            CloseBoth(rig.Bank);

            rig.Loop.Dispose();
            CloseBoth(rig.Bank);

            Assert.IsTrue(rig.Bank.IsLatchedOpen);
            Assert.IsFalse(a.IsClosed, "switch 0 closed again after the loop stopped");
            Assert.IsFalse(b.IsClosed, "switch 1 closed again after the loop stopped");
        }

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
                BoardSetup setup = BoardCatalog.Setup("esp32-devkitc-4s2m");
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
