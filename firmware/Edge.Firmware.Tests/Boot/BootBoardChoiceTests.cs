// Licensed under the MIT License.

using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The device runs only the board its settings name: settings that do not read, a text without a board line, a
    /// "board =" without a name and an unknown name each leave every switch, enable and setpoint pin held off with the
    /// control loop stopped, and say why. A mux-board unit whose settings had one bad line, or none naming the board,
    /// ran the DevKitC board before: its outputs on the mux board's select, enable and switch pins.
    /// </summary>
    [TestClass]
    public class BootBoardChoiceTests
    {
        [TestMethod]
        public void SettingsThatDoNotReadRunNoBoard()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-mux-6s\nmqtt_port = 1883x\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                AssertNoBoardRuns(devices, running);
                Assert.StartsWith("line 3: mqtt_port must be a whole number", BootEvents.Take(events, "settings-invalid").Message);
                Assert.StartsWith("no board: the settings name none (board = esp32-devkitc-4s2m or esp32-mux-6s)", BootEvents.Take(events, "board-error").Message);
            }
            finally
            {
                Dispose(running);
            }
        }

        [TestMethod]
        public void ABoardLineWithoutANameRunsNoBoardAndKeepsTheBroker()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard =\nmqtt_host = broker\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                AssertNoBoardRuns(devices, running);
                Assert.IsNotNull(running.Session, "the rest of the settings stands: the board error reaches the broker");
                Assert.IsNull(BootEvents.Take(events, "settings-invalid"), "an empty board is no settings error");
            }
            finally
            {
                Dispose(running);
            }
        }

        [TestMethod]
        public void ATextWithoutABoardLineRunsNoBoardSaysWhatToAddAndKeepsTheBroker()
        {
            // Without a board line the DevKitC board ran: on a mux-board unit its outputs on the mux board's pins.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nmqtt_host = broker\nmqtt_port = 1884\nauto_start = true\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                AssertNoBoardRuns(devices, running);
                Assert.AreEqual("board-error", events.Peek().Code, "the first event: a text without a board line is no settings error");
                Assert.StartsWith(
                    "no board: the settings have no 'board' line; add 'board = esp32-devkitc-4s2m' or 'board = esp32-mux-6s'; control loop not started",
                    BootEvents.Take(events, "board-error").Message);

                // The rest of the settings stands: the board error reaches the broker these settings name.
                Assert.IsNotNull(running.Session, "no MQTT session: the board error would not reach the broker");
                Assert.AreEqual("pack-7", devices.MqttSettings.DeviceId);
                Assert.AreEqual("broker", devices.MqttSettings.MqttHost);
                Assert.AreEqual(1884, devices.MqttSettings.MqttPort);
            }
            finally
            {
                Dispose(running);
            }
        }

        [TestMethod]
        public void AnUnknownBoardIsNamedWithTheBoardsTheFirmwareHas()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-mux6s\n";
            DeviceEventLog events = new DeviceEventLog();

            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                AssertNoBoardRuns(devices, running);
                Assert.StartsWith("unknown board 'esp32-mux6s' (the firmware has esp32-devkitc-4s2m and esp32-mux-6s)", BootEvents.Take(events, "board-error").Message);
            }
            finally
            {
                Dispose(running);
            }
        }

        /// <summary>The boot went on without a board: no controller, no loop, no switch opened, the drive-off hold kept.</summary>
        private static void AssertNoBoardRuns(FakeBootDevices devices, RunningFirmware running)
        {
            Assert.IsNotNull(running, "the boot goes on without a board");
            Assert.IsNull(running.Controller, "a controller runs on a board the settings did not name");
            Assert.IsNull(running.Loop);
            Assert.AreEqual(0, devices.SwitchRequests, "switches were opened on a board the settings did not name");
            Assert.AreEqual(1, devices.HeldOff.Count);
            Assert.IsFalse(((FakeBootDevices.FakePinHold)devices.HeldOff[0]).IsReleased, "the drive-off hold was released");
        }

        private static void Dispose(RunningFirmware running)
        {
            if (running != null)
            {
                running.Dispose();
            }
        }
    }
}
