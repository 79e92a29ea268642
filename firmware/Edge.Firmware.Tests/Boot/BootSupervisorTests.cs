// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// Supervised boot: a fake device that throws at one initialisation step in turn. Whatever the
    /// step, the boot returns without an exception, no load switch is closed, a "boot-failed" device
    /// event names the step and the exception, and the next attempt follows after 1 s, 2 s, 4 s ...
    /// up to 60 s.
    /// </summary>
    [TestClass]
    public class BootSupervisorTests
    {
        // The step names device events use, in boot order (independent of BootStepNames).
        private static readonly string[] s_stepNames = new string[]
        {
            "drive-off", "settings", "board", "switches", "enable", "multiplexer", "adc", "setpoint", "led", "timer", "wifi", "mqtt", "control-loop",
        };

        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        [DataRow(8)]
        [DataRow(9)]
        [DataRow(10)]
        [DataRow(11)]
        [DataRow(12)]
        public void AThrowingStepLeavesEverySwitchOpenAndNamesTheStep(int step)
        {
            FakeBootDevices devices = new FakeBootDevices(step);
            DeviceEventLog events = new DeviceEventLog();
            FakeBootDelay delay = new FakeBootDelay();
            BootSupervisor supervisor = new BootSupervisor(devices, events, delay);

            RunningFirmware running = supervisor.Run(2);

            Assert.IsNull(running);
            Assert.AreEqual(2, supervisor.Attempts);
            Assert.IsTrue(devices.NoSwitchWasEverClosed, "no switch closed");
            Assert.IsTrue(devices.AllSwitchesOpen, "all switches open");
            Assert.AreEqual(1, delay.Waits.Count);
            Assert.AreEqual(1000, delay.WaitAt(0));

            // Both attempts are reported, naming the step, the exception and what holds the switches open: nothing
            // driven before drive-off succeeded, its hold until the switches step releases the pins to the board's
            // drivers, nothing driven when opening the switches failed, the switches themselves from then on.
            string holding = step == 0 ? "switch pins not driven (drive-off failed): the board's pull-downs hold the switches open"
                : step < 3 ? "no switch opened yet, switch pins held off since drive-off"
                : step == 3 ? "switch pins not driven (the switches could not be opened): the board's pull-downs hold them open"
                : "all switches driven open";
            string expected = "step " + s_stepNames[step] + ": InvalidOperationException: fake " + s_stepNames[step] + " failure; " + holding + ", ";
            DeviceEvent first = BootEvents.Take(events, "boot-failed");
            Assert.StartsWith(expected + "retrying in 1 s", first.Message);
            DeviceEvent second = BootEvents.Take(events, "boot-failed");
            Assert.StartsWith(expected + "no further attempt", second.Message);

            // Once the LED was opened (steps after "led"), it shows the error pattern.
            if (step > 8)
            {
                Assert.IsTrue(devices.LastLed.Pattern == StatusLedPattern.BoardError, "LED shows the error");
            }
            else
            {
                Assert.IsNull(devices.LastLed);
            }
        }

        [TestMethod]
        public void ASwitchThatCannotBeDrivenOpenIsNamedInTheEvent()
        {
            // Module 1's driver throws when commanded open: the switches step itself fails, as it opens them.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SwitchFailingToOpen = 1;

            string message = FailedBootMessage(devices);

            // The other was still driven open after the failure: one stuck driver does not keep the rest from opening.
            Assert.IsTrue(devices.NoSwitchWasEverClosed, "no switch closed");
            Assert.AreEqual(2, devices.Switches.Count);
            Assert.IsTrue(((FakeLoadSwitch)devices.Switches[0]).WriteCount > 1, "module 0 driven open again");
            Assert.StartsWith(
                "step switches: InvalidOperationException: fake stuck switch driver; not every switch could be driven open (InvalidOperationException): the board's pull-downs hold the rest, no further attempt",
                message);
        }

        [TestMethod]
        public void ASwitchThatOpensOnItsOwnRetryCountsAsDrivenOpen()
        {
            // The ADC step fails. Module 1's driver opened with the bank, throws once in the bank-wide open after the
            // failure, then opens when driven on its own: the event reports what finally holds, not the first throw.
            FakeBootDevices devices = new FakeBootDevices(6);
            devices.SwitchFailingToOpen = 1;
            devices.SwitchOpensBeforeFailing = 1;
            devices.SwitchOpenFailures = 1;

            string message = FailedBootMessage(devices);

            Assert.IsTrue(devices.AllSwitchesOpen, "all switches open");
            Assert.StartsWith("step adc: InvalidOperationException: fake adc failure; all switches driven open, no further attempt", message);
        }

        [TestMethod]
        public void AFailureThatClearsIsRetriedAndTheControlLoopStarts()
        {
            FakeBootDevices devices = new FakeBootDevices(6);
            devices.FailingAttempts = 1;
            DeviceEventLog events = new DeviceEventLog();
            FakeBootDelay delay = new FakeBootDelay();
            BootSupervisor supervisor = new BootSupervisor(devices, events, delay);

            RunningFirmware running = supervisor.Run(5);
            try
            {
                Assert.IsNotNull(running);
                Assert.AreEqual(2, supervisor.Attempts);
                Assert.IsNotNull(running.Loop);
                Assert.IsNotNull(running.Session);
                Assert.AreEqual(2, devices.SwitchRequests);

                // The LED of the failed attempt was released before the second one opened its own.
                Assert.AreEqual(1, devices.Leds.Count);
                Assert.IsTrue(((FakeStatusLed)devices.Leds[0]).Pattern == StatusLedPattern.Offline);
                Assert.IsTrue(((FakeSampleTimer)devices.Timers[0]).IsRunning);
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }

            Assert.IsTrue(devices.AllSwitchesOpen);
            Assert.StartsWith("step adc: InvalidOperationException", BootEvents.Take(events, "boot-failed").Message);
            Assert.IsNull(BootEvents.Take(events, "boot-failed"));
        }

        [TestMethod]
        public void RetriesBackOffToOneMinute()
        {
            FakeBootDevices devices = new FakeBootDevices(0);
            FakeBootDelay delay = new FakeBootDelay();
            BootSupervisor supervisor = new BootSupervisor(devices, new DeviceEventLog(), delay);

            Assert.IsNull(supervisor.Run(10));

            int[] expected = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            Assert.AreEqual(expected.Length, delay.Waits.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], delay.WaitAt(i));
            }
        }

        [TestMethod]
        public void ABrokenLedNeitherStopsTheBootNorHidesTheFailure()
        {
            FakeBootDevices devices = new FakeBootDevices(11);
            devices.BrokenLed = true;
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);

            Assert.IsNull(running);
            Assert.IsTrue(devices.AllSwitchesOpen);
            Assert.StartsWith("step mqtt: InvalidOperationException: fake mqtt failure", BootEvents.Take(events, "boot-failed").Message);
        }

        [TestMethod]
        public void AnUnusableBoardTouchesNoSwitchAndStillReportsOverTheNetwork()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-nonexistent\nmqtt_host = broker\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.IsNull(running.Controller);
                Assert.IsNull(running.Loop);
                Assert.IsNotNull(running.Session);
                Assert.AreEqual(0, devices.SwitchRequests);
                Assert.Contains("unknown board 'esp32-nonexistent'", BootEvents.Take(events, "board-error").Message);
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }

        /// <summary>One boot attempt, which must fail: the message of its boot-failed event.</summary>
        private static string FailedBootMessage(FakeBootDevices devices)
        {
            DeviceEventLog events = new DeviceEventLog();
            BootSupervisor supervisor = new BootSupervisor(devices, events, new FakeBootDelay());
            Assert.IsNull(supervisor.Run(1));
            return BootEvents.Take(events, "boot-failed").Message;
        }
    }
}
