// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;
using NFUnitTest.Support;

namespace NFUnitTest.SerialConsole
{
    /// <summary>
    /// On a bench without a broker the console starts, stops and resets modules and switches the mode: each line goes to
    /// the core's command handler as cmd/&lt;verb&gt; would, is applied at the next tick, and a refused one names the field
    /// and changes nothing. An accepted line is a console-command device event, so operators on the broker see it; a
    /// refused one is not. Two modules of one ohmic cell (390 ohm), waiting for a start as a device with auto_start off.
    /// </summary>
    [TestClass]
    public class ConsoleControlTests
    {
        [TestMethod]
        public void StartStopAndStartAgainRunTheModulesAtTheNextTick()
        {
            EdgeController controller = Controller();
            DeviceEventLog events = new DeviceEventLog();
            ConsoleCommands console = ConsoleFor(controller, new SampleFrame(controller.Layout), events);
            OhmicTicker ticker = new OhmicTicker(controller, null);
            ticker.Run(1);
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(0).State);
            Assert.AreEqual("mode act; module 0 idle, module 1 idle; not calibrating; uncalibrated (observe only); no broker configured", console.Execute("status"));

            Assert.AreEqual(0, events.Count, "status changes nothing");
            Assert.AreEqual("ok", console.Execute("start module=1"));
            AssertOneEvent(events, "start module=1 (console-1), applied at the next tick");
            ticker.Run(1);
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(0).State, "only module 1 was started");
            Assert.IsTrue(Running(controller.Module(1).State), "module 1 runs");

            Assert.AreEqual("ok", console.Execute("stop"));
            AssertOneEvent(events, "stop (console-2), applied at the next tick");
            ticker.Run(1);
            Assert.AreEqual((int)ModuleState.Done, (int)controller.Module(1).State);
            Assert.AreEqual((int)StopReason.Command, (int)controller.Module(1).StopReason);
            Assert.AreEqual("mode act; module 0 idle, module 1 done (command); not calibrating; uncalibrated (observe only); no broker configured", console.Execute("status"));

            // The same line again is a new command (a new id), not a repeat the handler answers without running it.
            Assert.AreEqual("ok", console.Execute("start module=1"));
            AssertOneEvent(events, "start module=1 (console-3), applied at the next tick");
            ticker.Run(1);
            Assert.IsTrue(Running(controller.Module(1).State), "module 1 runs");
        }

        [TestMethod]
        public void ARefusedLineNamesTheFieldAsTheDashboardShowsItAndChangesNothing()
        {
            EdgeController controller = Controller();
            DeviceEventLog events = new DeviceEventLog();
            ConsoleCommands console = ConsoleFor(controller, new SampleFrame(controller.Layout), events);
            OhmicTicker ticker = new OhmicTicker(controller, null);

            Assert.AreEqual("error: module: 2 is out of range [-1, 1]", console.Execute("start module=2"));
            Assert.AreEqual("error: module: must be an integer", console.Execute("start module=1.5"));
            Assert.AreEqual("error: module: must be a number", console.Execute("start module=one"));
            Assert.AreEqual("error: colour: is not a field of this command", console.Execute("stop colour=red"));
            Assert.AreEqual("error: 'module' is not name=value: start takes its fields as name=value (module=1, mode=act)", console.Execute("start module"));
            Assert.AreEqual("error: mode: is missing", console.Execute("setMode"));
            string badMode = console.Execute("setMode mode=run");
            Assert.IsTrue(badMode.IndexOf("error: mode: ") == 0, badMode);
            Assert.AreEqual(
                "error: unknown command 'setProtocol': expected start, stop, resetFault, setMode, readings, config, settings, events, calibrate, status or help",
                console.Execute("setProtocol"));

            ticker.Run(2);
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(0).State);
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(1).State);
            Assert.AreEqual((int)ControlMode.Act, (int)controller.Configuration.Mode);
            Assert.AreEqual(0, events.Count, "a refused line is reported to the console only");
        }

        [TestMethod]
        public void ALineCutByAFullReceiveBufferStartsNothing()
        {
            // "start module=1" pasted behind 251 empty lines: the read that empties the full 256-byte ring buffer ends
            // after "start", the driver dropped " module=1" while it was full, and the next read brings the line end.
            // Run, what is left would start every module, not module 1.
            EdgeController controller = Controller();
            DeviceEventLog events = new DeviceEventLog();
            ConsoleSession session = new ConsoleSession(ConsoleFor(controller, new SampleFrame(controller.Layout), events));
            OhmicTicker ticker = new OhmicTicker(controller, null);
            ticker.Run(1);
            byte[] first = new byte[256];
            for (int i = 0; i < 251; i++)
            {
                first[i] = (byte)'\r';
            }

            byte[] start = new byte[] { (byte)'s', (byte)'t', (byte)'a', (byte)'r', (byte)'t' };
            for (int i = 0; i < start.Length; i++)
            {
                first[251 + i] = start[i];
            }

            Assert.IsNull(session.Process(first, 256, true), "the empty lines before it answer nothing");
            string refused = session.Process(new byte[] { (byte)'\r' }, 1, false);
            Assert.StartsWith("error: input lost", refused);
            Assert.Contains("send it again", refused);
            ticker.Run(1);
            Assert.AreEqual(0, events.Count, "no console-command");
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(0).State, "module 0 not started");
            Assert.AreEqual((int)ModuleState.Idle, (int)controller.Module(1).State, "module 1 not started");

            // The loss taints that one line: the next runs.
            Assert.AreEqual("ok\r\n", Text(session, "start module=1\r"));
            AssertOneEvent(events, "start module=1 (console-1), applied at the next tick");
        }

        [TestMethod]
        public void ConfigShowsTheConfigurationInForceAndSetModeSwitchesItAtTheNextTick()
        {
            EdgeController controller = Controller();
            ConsoleCommands console = ConsoleFor(controller);
            OhmicTicker ticker = new OhmicTicker(controller, null);

            // The configuration in force as the config message carries it: the default protocol, no auto-start, revision 0.
            string config = console.Execute("config");
            Assert.IsTrue(config.IndexOf("{\"v\":1,\"bootId\":\"b1\",\"revision\":0,\"modules\":2,\"cellsPerModule\":1,\"mode\":\"act\"") == 0, config);
            Assert.Contains("\"startImmediately\":false", config);
            Assert.Contains("\"steps\":[{\"kind\":\"strip\",\"currentUa\":385,\"durationMs\":1000},{\"kind\":\"rest\",\"currentUa\":0,\"durationMs\":5000}]", config);

            Assert.AreEqual("ok", console.Execute("setMode mode=observe"));
            ticker.Run(1);
            Assert.AreEqual((int)ControlMode.Observe, (int)controller.Configuration.Mode);
            Assert.IsTrue(console.Execute("status").IndexOf("mode observe; ") == 0);
            config = console.Execute("config");
            Assert.IsTrue(config.IndexOf("\"revision\":1,") > 0 && config.IndexOf("\"mode\":\"observe\"") > 0, config);
            Assert.AreEqual("error: config takes no arguments", console.Execute("config all"));
        }

        [TestMethod]
        public void ReadingsShowTheLatestFrameWithTheStatusOfEveryChannelThatIsNotValid()
        {
            EdgeController controller = new EdgeController(new PackLayout(2, 2, 2), Configuration());
            SampleFrame frame = new SampleFrame(controller.Layout);
            ConsoleCommands console = ConsoleFor(controller, frame);
            frame.CellVoltageMv[0] = 312;
            frame.CellVoltageMv[1] = 311;
            frame.CellVoltageMv[2] = 200;
            frame.CellVoltageMv[3] = 201;
            frame.ModuleCurrentUa[0] = 385;
            frame.TemperatureDeciCelsius[0] = 251;
            frame.TemperatureDeciCelsius[1] = -5;
            Assert.AreEqual("module 0: 385 uA, cells 312 311 mV; module 1: 0 uA, cells 200 201 mV; temperatures 25.1 -0.5 degC", console.Execute("readings"));

            // A cell at the converter's end of scale, a current channel gone and an implausible sensor: each says so.
            frame.CellVoltageMv[3] = 4095;
            frame.CellVoltageStatus[3] = ChannelStatus.Saturated;
            frame.ModuleCurrentUa[1] = 7;
            frame.ModuleCurrentStatus[1] = ChannelStatus.Missing;
            frame.TemperatureStatus[1] = ChannelStatus.Implausible;
            Assert.AreEqual(
                "module 0: 385 uA, cells 312 311 mV; module 1: 7 (missing) uA, cells 200 4095 (saturated) mV; temperatures 25.1 -0.5 (implausible) degC",
                console.Execute("readings"));
            Assert.AreEqual("error: readings takes no arguments", console.Execute("readings now"));
        }

        [TestMethod]
        public void WithoutAControlLoopTheControlLinesSaySo()
        {
            ConsoleCommands console = new ConsoleCommands(null, null);

            Assert.AreEqual("error: no control loop runs (the board is unusable, see the board-error event): nothing to start", console.Execute("start"));
            Assert.AreEqual("error: no control loop runs (the board is unusable, see the board-error event): nothing to setMode", console.Execute("setMode mode=act"));
            Assert.AreEqual("error: no control loop runs (the board is unusable, see the board-error event): nothing is read", console.Execute("readings"));
            Assert.AreEqual("error: no control loop runs (the board is unusable, see the board-error event): no configuration in force", console.Execute("config"));
        }

        // Pulse or rest: the protocol may begin with either.
        private static string Text(ConsoleSession session, string ascii)
        {
            byte[] bytes = new byte[ascii.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            return session.Process(bytes, bytes.Length, false);
        }

        private static bool Running(ModuleState state)
        {
            return state == ModuleState.Pulse || state == ModuleState.Rest;
        }

        private static EdgeController Controller()
        {
            return new EdgeController(new PackLayout(2, 1, 0), Configuration());
        }

        // Waiting for a start, as a device with auto_start off.
        private static ControllerConfiguration Configuration()
        {
            ControllerConfiguration configuration = new ControllerConfiguration();
            configuration.StartImmediately = false;
            return configuration;
        }

        private static ConsoleCommands ConsoleFor(EdgeController controller)
        {
            return ConsoleFor(controller, new SampleFrame(controller.Layout));
        }

        private static ConsoleCommands ConsoleFor(EdgeController controller, SampleFrame frame)
        {
            return ConsoleFor(controller, frame, new DeviceEventLog());
        }

        private static ConsoleCommands ConsoleFor(EdgeController controller, SampleFrame frame, DeviceEventLog events)
        {
            BoardDefinition board = BoardCatalog.Setup("esp32-devkitc-4s2m").Board;
            CalibrationMode calibration = new CalibrationMode(board, new SampleAcquisition(board, new FakeAnalogInputs(), null), new FakeUnitRecordStore(), new DeviceEventLog(), "pack-7");
            return new ConsoleCommands(calibration, new ConsoleControl(controller, new CommandHandler(controller, null), "b1", frame, events));
        }

        // The one event waiting in the log is a console-command with this message; taken out, so the next check sees only its own.
        private static void AssertOneEvent(DeviceEventLog events, string message)
        {
            Assert.AreEqual(1, events.Count);
            Assert.AreEqual("console-command", events.Peek().Code);
            Assert.AreEqual(message, events.Peek().Message);
            events.RemoveOldest();
        }
    }
}
