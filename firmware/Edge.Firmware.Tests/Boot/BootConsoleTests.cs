// Licensed under the MIT License.

using System.Collections;
using Edge.Core.DeviceEvents;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;
using NFUnitTest.Boards;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The serial console starts last, once the control loop runs; a console that cannot start,
    /// or whose pins the board uses, is reported and the boot succeeds without it.
    /// </summary>
    [TestClass]
    public class BootConsoleTests
    {
        [TestMethod]
        public void TheConsoleStartsLastAndEchoesDeviceEvents()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = Boot(devices, log);

            Assert.AreEqual("console", (string)devices.Calls[devices.Calls.Count - 1], "the last step");
            Assert.AreEqual(1, devices.ConsoleSessions.Count);
            ConsoleSession session = (ConsoleSession)devices.ConsoleSessions[0];
            session.Process(null);

            log.Report("test", "after boot");
            Assert.AreEqual("test: after boot\r\n", session.Process(null));
            Assert.IsNotNull(running);
        }

        [TestMethod]
        public void TheBootsEventsBeforeTheConsoleOpenedAreShownOnIt()
        {
            // A bench without a broker: the console is the only place an operator reads why nothing runs.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_port = 70000\n";
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running, "the boot ends without a control loop");
            running.Dispose();

            Assert.AreEqual(1, devices.ConsoleSessions.Count, "the console opens on the default settings");
            string shown = ((ConsoleSession)devices.ConsoleSessions[0]).Process(null);
            Assert.IsNotNull(shown, "the boot's events are shown");
            Assert.Contains("settings-invalid: line 3: mqtt_port must be a whole number in 1..65535", shown);
            Assert.Contains("board-error: no board", shown);
            Assert.IsTrue(shown.IndexOf("settings-invalid") < shown.IndexOf("board-error"), "in the order reported");
            Assert.IsNull(((ConsoleSession)devices.ConsoleSessions[0]).Process(null), "shown once");

            // A terminal attached after the boot missed those lines: "events" shows them again.
            string again = ((ConsoleSession)devices.ConsoleSessions[0]).Process("events\n");
            Assert.StartsWith("# the events before the console opened; later ones are shown as they come\r\n", again);
            Assert.Contains("\r\nsettings-invalid: line 3: mqtt_port must be a whole number in 1..65535", again);
            Assert.Contains("\r\nboard-error: no board", again);

            string settings = ((ConsoleSession)devices.ConsoleSessions[0]).Process("settings\n");
            Assert.StartsWith("# defaults in force, without a board: the deployed settings text was refused at boot (line 3: mqtt_port must be a whole number in 1..65535)\r\n", settings);
            Assert.Contains("\r\ndevice_id = edge-0\r\nboard = (none)\r\n", settings);
        }

        [TestMethod]
        public void RefusedConsoleSettingsSayWhereTheConsoleOpensInstead()
        {
            // The text asks for RX 16 / TX 40; 40 is no ESP32 pin, the whole text is refused and the console opens on the
            // defaults, where an engineer wired to 16 and 17 would wait in vain: the boot event (the debug output shows it
            // too) and the console's first line name the UART, pins and baud it did open on.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nconsole_rx_pin = 16\nconsole_tx_pin = 40\n";
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            running.Dispose();

            Assert.IsTrue(Contains(Drain(log), "settings-invalid: line 4: console_tx_pin must be a whole number in 0..39; using defaults, without a board: control loop not started; serial console on UART2 (RX GPIO 13, TX GPIO 14, 115200 baud 8N1)"));
            Assert.AreEqual(1, devices.ConsoleSessions.Count, "the console opens on the defaults");
            Assert.AreEqual("edge console ready on UART2 (RX GPIO 13, TX GPIO 14, 115200 baud 8N1), the defaults: the deployed settings text was refused at boot (line 4: console_tx_pin must be a whole number in 0..39); type help",
                ((ConsoleSession)devices.ConsoleSessions[0]).Greeting);
        }

        [TestMethod]
        public void TheConsolesFirstLineNamesTheSettingsItOpenedOn()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nconsole_uart = 1\nconsole_rx_pin = 16\nconsole_tx_pin = 17\nconsole_baud = 9600\n";
            Boot(devices, new DeviceEventLog());

            Assert.AreEqual("edge console ready on UART1 (RX GPIO 16, TX GPIO 17, 9600 baud 8N1); type help", ((ConsoleSession)devices.ConsoleSessions[0]).Greeting);
        }

        [TestMethod]
        public void APortThatDoesNotMatchTlsIsWarnedOnTheConsoleAndTheBootRuns()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_host = broker\nmqtt_port = 8883\n";
            DeviceEventLog log = new DeviceEventLog();
            Boot(devices, log);

            string shown = ((ConsoleSession)devices.ConsoleSessions[0]).Process(null);
            Assert.Contains("settings-warning: mqtt_port 8883 is MQTT over TLS (IANA) but no mqtt_ca_cert is set", shown);
            Assert.AreEqual(-1, shown.IndexOf("settings-invalid"), "said, not refused");
        }

        [TestMethod]
        public void EventsBeforeAnEchoBeyondTheLimitAreCountedAndTheFirstKept()
        {
            DeviceEventLog log = new DeviceEventLog();
            for (int i = 0; i < DeviceEventLog.MaximumEarlyLines + 2; i++)
            {
                log.Report("early", i.ToString());
            }

            ConsoleSession session = new ConsoleSession(new ConsoleCommands(null));
            log.Echo = session;
            string shown = session.Process(null);
            Assert.StartsWith("early: 0\r\n", shown, "the first, the root cause, kept");
            Assert.Contains("early: 23\r\n(2 later events before the console opened not kept: see the debug output)\r\n", shown);
            Assert.AreEqual(DeviceEventLog.MaximumEarlyLines + 2, log.Count, "every event still waits for the broker");
        }

        [TestMethod]
        public void ConsoleOffOpensNone()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nconsole_uart = off\n";
            DeviceEventLog log = new DeviceEventLog();
            Assert.IsNotNull(Boot(devices, log));
            Assert.AreEqual(0, devices.ConsoleSessions.Count);

            // The boot's events were kept for a console; with none they are let go, not held for good.
            ConsoleSession late = new ConsoleSession(new ConsoleCommands(null));
            log.Echo = late;
            Assert.IsNull(late.Process(null), "nothing kept for a console that was never opened");
        }

        [TestMethod]
        public void AFailingSerialConsoleLeavesTheControlLoopRunning()
        {
            FakeBootDevices devices = new FakeBootDevices((int)BootStep.Console);
            DeviceEventLog log = new DeviceEventLog();
            Assert.IsNotNull(Boot(devices, log));

            ArrayList events = Drain(log);
            Assert.IsFalse(Contains(events, "boot-failed: "), "the boot did not fail");
            Assert.IsTrue(Contains(events, "console-failed: step console: InvalidOperationException: fake console failure; no serial console, control loop unaffected"));
        }

        [TestMethod]
        public void AConsolePinTheBoardUsesIsRefusedAndTheLoopRuns()
        {
            // GPIO 36 is the DevKitC's cell 0 input: a UART there would corrupt that cell's readings.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nconsole_rx_pin = 36\n";
            DeviceEventLog log = new DeviceEventLog();
            Assert.IsNotNull(Boot(devices, log));

            Assert.AreEqual(0, devices.ConsoleSessions.Count, "no console opened");
            Assert.IsTrue(Contains(Drain(log), "console-failed: console_rx_pin GPIO 36 is [cell 0] adc_pin of board esp32-devkitc-4s2m; no serial console"));
        }

        [TestMethod]
        public void AClashNamesTheBoardFilesSectionAndKey()
        {
            // On the mux board GPIO 21 is the 74HC4051's S2 and GPIO 39 module 0's current input.
            Assert.AreEqual("console-failed: console_tx_pin GPIO 21 is [mux] select_pins S2 of board esp32-mux-6s", ClashOnMuxBoard("console_tx_pin = 21\n"));
            Assert.AreEqual("console-failed: console_rx_pin GPIO 39 is [module 0] adc_pin of board esp32-mux-6s", ClashOnMuxBoard("console_rx_pin = 39\n"));
        }

        [TestMethod]
        public void WithoutAUsableBoardAConsolePinOfAnyCatalogBoardIsRefused()
        {
            // An unknown board name: the hardware may be either catalog board, and GPIO 21 is the mux board's S2.
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-mux-6x\nconsole_tx_pin = 21\n";
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            running.Dispose();
            Assert.AreEqual(0, devices.ConsoleSessions.Count, "no console opened");
            Assert.IsTrue(Contains(Drain(log), "console-failed: console_tx_pin GPIO 21 is [mux] select_pins S2 of board esp32-mux-6s; no serial console"));
        }

        [TestMethod]
        public void ARefusedTextThatTurnedTheConsoleOffOpensNone()
        {
            // The text turned the console off (perhaps GPIO 13 and 14 are wired to something on this unit); a typo in
            // another line must not open UART2 on them. A console_uart value that does not read is taken as off.
            Assert.AreEqual("no serial console: line 2 of the refused text sets console_uart = off", RefusedConsole("device_id = pack-7\nconsole_uart = off\nmqtt_port = 0\n"));
            Assert.AreEqual("no serial console: line 1 of the refused text sets console_uart = of", RefusedConsole("console_uart = of   # typed\n"));
        }

        [TestMethod]
        public void DefaultPinsABoardUsesStayClosedWhenTheTextIsRefused()
        {
            // A catalog board whose module 1 switch is on GPIO 13, the default RX: the UART would take the pin from the
            // drive-off step that holds it low (the board parser refuses a switch on 14, pulled up at reset).
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.BoardText = BoardText.With(BoardCatalog.DevKitC4s2m, "[module 1]", "switch_pin", "13");
            Assert.AreEqual("no serial console: the default console_rx_pin GPIO 13 is [module 1] switch_pin of board esp32-devkitc-4s2m", RefusedConsole(devices, "mqtt_port = 0\n"));
        }

        private static string ClashOnMuxBoard(string consoleLine)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = "device_id = pack-7\nboard = esp32-mux-6s\n" + consoleLine;
            DeviceEventLog log = new DeviceEventLog();
            Assert.IsNotNull(Boot(devices, log));
            Assert.AreEqual(0, devices.ConsoleSessions.Count, "no console opened");
            string clash = FirstOf(Drain(log), "console-failed: ");
            return clash.Substring(0, clash.IndexOf(';'));
        }

        private static string RefusedConsole(string settingsText)
        {
            return RefusedConsole(new FakeBootDevices(FakeBootDevices.NoFailure), settingsText);
        }

        /// <summary>Boots on <paramref name="settingsText"/>, which must be refused and open no console; returns what the settings-invalid event says of it.</summary>
        private static string RefusedConsole(FakeBootDevices devices, string settingsText)
        {
            devices.SettingsText = settingsText;
            DeviceEventLog log = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            running.Dispose();
            Assert.AreEqual(0, devices.ConsoleSessions.Count, "no console opened");
            string invalid = FirstOf(Drain(log), "settings-invalid: ");
            return invalid.Substring(invalid.IndexOf("control loop not started; ") + 26);
        }

        private static string FirstOf(ArrayList lines, string start)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                if (((string)lines[i]).IndexOf(start) == 0)
                {
                    return (string)lines[i];
                }
            }

            Assert.IsTrue(false, "no line starts " + start);
            return null;
        }

        /// <summary>Boots once; the loop must run. Stopped again before returning (the fakes keep what was opened).</summary>
        private static RunningFirmware Boot(FakeBootDevices devices, DeviceEventLog log)
        {
            RunningFirmware running = new BootSupervisor(devices, log, new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running, "the boot succeeds");
            Assert.IsNotNull(running.Loop, "the control loop runs");
            running.Dispose();
            return running;
        }

        private static ArrayList Drain(DeviceEventLog log)
        {
            ArrayList lines = new ArrayList();
            while (log.Peek() != null)
            {
                DeviceEvent next = log.Peek();
                log.RemoveOldest();
                lines.Add(next.Code + ": " + next.Message);
            }

            return lines;
        }

        private static bool Contains(ArrayList lines, string start)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                if (((string)lines[i]).IndexOf(start) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
