// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;
using NFUnitTest.Networking;

namespace NFUnitTest.SerialConsole
{
    /// <summary>
    /// The console's lines drive the calibration mode like cmd/calibrate: a line that does not parse
    /// is answered "error: " with what is wrong and starts, stores and changes nothing; an accepted
    /// action answers "ok"; the mode's own refusals come back as errors. (The whole workflow over the
    /// console is in CalibrationModeTests.)
    /// </summary>
    [TestClass]
    public class ConsoleCommandsTests
    {
        [TestMethod]
        public void LinesThatDoNotParseAreRefusedNamingTheProblemAndChangeNothing()
        {
            FakeUnitRecordStore store = new FakeUnitRecordStore();
            CalibrationMode mode = Mode(store);
            ConsoleCommands console = new ConsoleCommands(mode);

            Assert.AreEqual("error: unknown command 'calibrat': expected start, stop, resetFault, setMode, readings, config, settings, events, calibrate, status or help", console.Execute("calibrat begin"));
            Assert.AreEqual("error: calibrate needs an action: begin, record, discard, finish, abort or status", console.Execute("calibrate"));
            Assert.AreEqual("error: unknown action 'go': must be begin, record, discard, finish, abort or status", console.Execute("calibrate go"));
            Assert.AreEqual("error: calibrate record takes no arguments, got 'now'", console.Execute("calibrate record now"));
            Assert.AreEqual("error: status takes no arguments", console.Execute("status now"));
            Assert.AreEqual("error: 'bench-3' is not name=value: begin takes unit=<id> and samplesPerPoint=<1-65536>", console.Execute("calibrate begin bench-3"));
            Assert.AreEqual("error: 'colour' is not a field of calibrate begin (unit, samplesPerPoint)", console.Execute("calibrate begin colour=red"));
            Assert.AreEqual("error: samplesPerPoint must be a whole number from 1 to 65536, got '0'", console.Execute("calibrate begin samplesPerPoint=0"));
            Assert.AreEqual("error: samplesPerPoint must be a whole number from 1 to 65536, got '65537'", console.Execute("calibrate begin samplesPerPoint=65537"));
            Assert.AreEqual("error: samplesPerPoint must be a whole number from 1 to 65536, got 'four'", console.Execute("calibrate begin samplesPerPoint=four"));
            Assert.AreEqual("error: unit is given twice", console.Execute("calibrate begin unit=a unit=b"));
            Assert.AreEqual("error: unit is empty", console.Execute("calibrate begin unit="));

            // A unit id the record format refuses: the calibration mode's own reason.
            string badUnit = console.Execute("calibrate begin unit=a/b");
            Assert.StartsWith("error: ", badUnit);
            Assert.Contains("unit", badUnit);

            Assert.IsFalse(mode.IsActive, "nothing started");
            Assert.AreEqual(0, store.SaveAttempts, "nothing stored");
            Assert.IsNull(console.Execute("   "), "a blank line is no command");
        }

        [TestMethod]
        public void TheActionsReachTheCalibrationModeAndItsRefusalsComeBack()
        {
            FakeUnitRecordStore store = new FakeUnitRecordStore();
            CalibrationMode mode = Mode(store);
            ConsoleCommands console = new ConsoleCommands(mode);

            Assert.AreEqual("not calibrating; uncalibrated (observe only); no broker configured", console.Execute("status"));
            Assert.AreEqual("error: no calibration is running", console.Execute("calibrate record"));

            Assert.AreEqual("ok", console.Execute("calibrate\tbegin   unit=bench-3 samplesPerPoint=4"));
            Assert.IsTrue(mode.IsActive);
            Assert.AreEqual(4, mode.Procedure.SamplesPerPoint);

            // DevKitC: 4 cells x 9 points + 2 modules x 7 points; the first instruction is the first cell's.
            Assert.StartsWith("Step 1 of 50: ", console.Execute("calibrate status"));
            Assert.StartsWith("error: a calibration is already running (step 1 of 50)", console.Execute("calibrate begin"));
            Assert.StartsWith("error: calibration incomplete", console.Execute("calibrate finish"));
            Assert.AreEqual("ok", console.Execute("calibrate record"));
            Assert.IsTrue(mode.IsRecording);
            Assert.AreEqual("ok", console.Execute("calibrate discard"));
            Assert.IsFalse(mode.IsRecording);
            Assert.AreEqual("ok", console.Execute("calibrate abort"));
            Assert.IsFalse(mode.IsActive);
            Assert.AreEqual(0, store.SaveAttempts);
        }

        [TestMethod]
        public void StatusSaysHowTheBrokerStands()
        {
            // A bench engineer at the console sees whether the device reaches its broker, and if not, why: before the
            // first attempt, refused, connected (which connection), and after the link dropped.
            FakeConnection broker = new FakeConnection(new TopicSet("pack-7"));
            broker.NextOutcome = ConnectOutcome.NotAuthorized;
            FakeClock clock = new FakeClock();
            MqttSession session = FakeBrokerSession.Create(broker, clock, new DeviceEventLog());
            ConsoleCommands console = new ConsoleCommands(null, null, session.Session);
            const string NoLoop = "no control loop (the board is unusable, see the board-error event); not calibrating; ";
            Assert.AreEqual(NoLoop + "broker offline (not connected yet)", console.Execute("status"));

            session.Pass();
            Assert.AreEqual(NoLoop + "broker offline: refused by the fake broker", console.Execute("status"));

            broker.NextOutcome = ConnectOutcome.Accepted;
            clock.NowMs += 1000;
            Assert.AreEqual((int)SessionStep.Opened, (int)session.Pass());
            Assert.AreEqual(NoLoop + "broker online (connection 1)", console.Execute("status"));

            broker.IsConnected = false;
            Assert.AreEqual((int)SessionStep.Lost, (int)session.Pass());
            Assert.AreEqual(NoLoop + "broker offline: connection lost", console.Execute("status"));
        }

        [TestMethod]
        public void WithoutAControlLoopTheConsoleSaysSo()
        {
            ConsoleCommands console = new ConsoleCommands(null);

            Assert.StartsWith("no control loop", console.Execute("status"));
            Assert.StartsWith("error: no control loop runs", console.Execute("calibrate begin"));
            Assert.StartsWith("commands: start [module=<m>]", console.Execute("help"));
        }

        [TestMethod]
        public void TheSessionAnswersEachLineAndEchoesTheEventsSince()
        {
            DeviceEventLog events = new DeviceEventLog();
            CalibrationMode mode = Mode(new FakeUnitRecordStore(), events);
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(mode));
            events.Echo = session;

            Assert.IsNull(session.Process(null), "nothing received, nothing reported: nothing to write");
            Assert.IsNull(session.Process("calibrate beg"), "half a line: no reply yet");

            string output = session.Process("in samplesPerPoint=4\r\n");

            // The reply, then the instruction the mode reported as a device event.
            Assert.StartsWith("ok\r\ncalibration: unit pack-7 on board esp32-devkitc-4s2m: 50 points, 4 readings each", output);
            Assert.Contains("Step 1 of 50: ", output);
            Assert.IsTrue(output.Length > 2 && output.Substring(output.Length - 2) == "\r\n", "every line ends in CR LF");

            string overlong = session.Process(new string('x', ConsoleLineBuffer.MaximumLineLength + 5) + "\n");
            Assert.AreEqual("error: line longer than 160 characters ignored\r\n", overlong);

            // Arrow keys pressed to correct the line refuse it, where it read as the unknown action 'aborr[D[Ct'.
            Assert.AreEqual("error: line with a cursor or function key ignored: the console corrects with backspace only, so the line that arrived is not the one the terminal shows; type it again\r\n",
                session.Process("calibrate aborr\u001b[D\u001b[Ct\r"));
            Assert.IsTrue(mode.IsActive, "the line with the key changed nothing");
            Assert.IsTrue(mode.IsActive, "the overlong line changed nothing");
        }

        [TestMethod]
        public void APastedBlockOfLinesRunsWholeAndInOrder()
        {
            // More lines in one read than the line buffer holds: a terminal's paste at 115200 baud within one 50 ms poll.
            DeviceEventLog events = new DeviceEventLog();
            CalibrationMode mode = Mode(new FakeUnitRecordStore(), events);
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(mode));
            string pasted = "calibrate begin samplesPerPoint=4\r\n";
            for (int i = 0; i < ConsoleLineBuffer.MaximumPendingLines; i++)
            {
                pasted += "calibrate\tdiscard\r\n";
            }

            pasted += "calibrate abort\r\n";
            string output = session.Process(pasted);

            Assert.StartsWith("ok\r\n", output, "the first line, begin, ran");
            Assert.IsFalse(mode.IsActive, "the last line, abort, ran after it");
            Assert.AreEqual(-1, output.IndexOf("dropped"), "no line was dropped");
            Assert.AreEqual(-1, output.IndexOf("unknown"), "a tab separates words");
        }

        [TestMethod]
        public void SettingsShowsTheSettingsInForceWithoutTheirSecrets()
        {
            string text = "device_id = pack-7\nboard = esp32-mux-6s\nmqtt_host = broker.local\nmqtt_port = 1884\nmqtt_username = bench\nmqtt_password = s3cr#t\nhealth_period_s = 5\nconsole_baud = 9600\n";
            DeviceSettings settings;
            string error;
            Assert.IsTrue(DeviceSettingsParser.TryParse(text, out settings, out error), error);
            ConsoleCommands console = new ConsoleCommands(null);
            console.SettingsText = ConsoleSettingsText.Of(settings, null);
            ConsoleSession session = new ConsoleSession(console);

            string shown = session.Process("settings\r\n");
            Assert.StartsWith("# settings in force, read at boot from the deployed settings text; a change takes effect when a new text is deployed and the device restarts\r\n", shown);
            Assert.Contains("\r\ndevice_id = pack-7\r\nboard = esp32-mux-6s\r\nmqtt_host = broker.local\r\nmqtt_port = 1884\r\nmqtt_username = bench\r\nmqtt_password = (set, not shown)\r\nmqtt_ca_cert = (none: TLS off)\r\n", shown);
            Assert.Contains("\r\nhealth_period_s = 5\r\n", shown);
            Assert.Contains("\r\nconsole_baud = 9600\r\n", shown);
            Assert.AreEqual(-1, shown.IndexOf("s3cr"), "the password is not shown");

            Assert.AreEqual("error: settings takes no arguments: the settings are deployed with the application and read at boot, not set from the console",
                console.Execute("settings mqtt_host=10.0.0.2"));
        }

        [TestMethod]
        public void AMultiLineEventGetsCrLfOnEveryLine()
        {
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(null));
            session.Post("calibration-record: # record\n[unit]\r\nboard = x\n");
            session.Post("empty: ");
            Assert.AreEqual("calibration-record: # record\r\n[unit]\r\nboard = x\r\nempty: \r\n", session.Process(null));
        }

        [TestMethod]
        public void EventsBeyondTheQueueAreCountedNotKept()
        {
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(null));
            for (int i = 0; i < ConsoleSession.MaximumQueuedEvents + 3; i++)
            {
                session.Post("e: " + i.ToString());
            }

            string output = session.Process(null);
            Assert.StartsWith("(3 earlier events not shown)\r\ne: 3\r\n", output);
            Assert.IsNull(session.Process(null), "written once");
        }

        private static CalibrationMode Mode(FakeUnitRecordStore store)
        {
            return Mode(store, new DeviceEventLog());
        }

        private static CalibrationMode Mode(FakeUnitRecordStore store, DeviceEventLog events)
        {
            BoardDefinition board = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            return new CalibrationMode(board, new SampleAcquisition(board, new FakeAnalogInputs(), null), store, events, "pack-7");
        }
    }
}
