// Licensed under the MIT License.

using System;
using System.Collections;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Configuration;
using Edge.Core.Commands;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using Edge.Firmware.Telemetry;
using Edge.Firmware.Watchdog;

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// One boot attempt, step by step (<see cref="BootStep"/>). The first step drives every switch,
    /// enable and setpoint pin of every shipped board off and holds them until the board has parsed
    /// (for good when it does not). Every step runs inside one
    /// supervision: when any of them throws, the control loop is stopped if it had started, every
    /// load switch is driven open (or was never closed: switches close only once the loop runs, and
    /// the loop starts last), and the attempt ends naming the step and the exception. What the
    /// attempt opened stays open, switches driven open, until <see cref="Release"/> before the next
    /// attempt. A board that does not parse is not an exception: nothing is touched, the error is
    /// reported and only the network starts, so that the error reaches the broker.
    /// </summary>
    public sealed class BootSequence
    {
        /// <summary>
        /// Outbox slots: the contract's guidance for a plain ESP32 (16 to 32; about 13 KB at 2 cells per
        /// module). Holds about 12 s of 1 Hz cell voltages of a 2-module pack plus events while the broker is away.
        /// </summary>
        public const int OutboxSlotCount = 24;

        private readonly IBootDevices _devices;
        private readonly DeviceEventLog _events;
        private readonly ArrayList _opened = new ArrayList();
        private BootStep _step;

        // Why the deployed settings text was refused in this boot (the defaults then run), or null: the console says which.
        private string _settingsRefusal;

        // The drive-off step's hold on the switch, enable and setpoint pins, until the board's drivers take them.
        private bool _pinsHeldOff;
        private LoadSwitchBank _switches;
        private CurrentSetpointBank _setpoints;
        private ILoadSwitch[] _switchArray;
        private IStatusLed _led;
        private SamplingLoop _loop;
        private SamplingWatchdog _watchdog;
        private MqttSession _session;

        /// <summary>Boots with <paramref name="devices"/>, reporting to <paramref name="events"/>.</summary>
        public BootSequence(IBootDevices devices, DeviceEventLog events)
        {
            _devices = devices ?? throw new ArgumentNullException(nameof(devices));
            _events = events ?? throw new ArgumentNullException(nameof(events));
        }

        /// <summary>The step that threw in the last failed attempt.</summary>
        public BootStep FailedStep { get; private set; }

        /// <summary>The exception of the last failed attempt, or null.</summary>
        public Exception Failure { get; private set; }

        /// <summary>
        /// What holds the load switches open after the failed attempt, in the words of the boot-failed event: driven
        /// open, held off since drive-off, or only the board's pull-downs (boards/README.md) where no output could be
        /// driven. An operator needs to know which.
        /// </summary>
        public string SwitchState { get; private set; }

        /// <summary>
        /// Runs every step. Returns what runs, or null when a step threw: then <see cref="FailedStep"/>
        /// and <see cref="Failure"/> say which and why, the loop is stopped and every switch is open.
        /// Never throws.
        /// </summary>
        public RunningFirmware TryStart()
        {
            Failure = null;
            try
            {
                return Start();
            }
            catch (Exception ex)
            {
                FailedStep = _step;
                Failure = ex;
                SwitchState = MakeSafe();
                return null;
            }
        }

        /// <summary>
        /// The boot log's line once the control loop runs: the firmware's version (<see cref="FirmwareVersion.Text"/>), the
        /// board and its sample period, so that the serial console says which firmware the unit runs.
        /// </summary>
        public static string ControlLoopRunningLine(string boardName, int samplePeriodMs)
        {
            return "control loop running: firmware " + FirmwareVersion.Text + ", board " + boardName + ", " + samplePeriodMs.ToString() + " ms period";
        }

        /// <summary>Shows the failure on the LED, if one was opened; never throws (the LED is no single point of failure).</summary>
        public void ShowFailure()
        {
            if (_led == null)
            {
                return;
            }

            try
            {
                _led.Show(StatusLedPattern.BoardError);
            }
            catch (Exception)
            {
                // Nothing else to show it with: the device event carries the failure.
            }
        }

        /// <summary>Releases what the failed attempt opened (switches last, each driven open as it goes), so that the next attempt can open it again.</summary>
        public void Release()
        {
            for (int i = _opened.Count - 1; i >= 0; i--)
            {
                try
                {
                    ((IDisposable)_opened[i]).Dispose();
                }
                catch (Exception)
                {
                    // Best effort: a part that cannot be released fails the next attempt's step, which is reported then.
                }
            }

            _opened.Clear();
            _pinsHeldOff = false;
            _switches = null;
            _switchArray = null;
            _setpoints = null;
            _led = null;
            _loop = null;
            _watchdog = null;
            _session = null;
        }

        private RunningFirmware Start()
        {
            // Before anything is read or parsed: no shipped board's switch, enable or setpoint pin floats.
            _step = BootStep.DriveOff;
            IDisposable heldOff = _devices.DriveOff(ShippedBoardPins.DriveOffPins);
            Track(heldOff);
            _pinsHeldOff = true;

            _step = BootStep.Settings;
            DeviceSettings settings = LoadSettings(_devices.OpenSettings());
            TopicSet topics = new TopicSet(settings.DeviceId);

            _step = BootStep.Board;
            BoardSetup setup = _devices.LoadBoard(settings.BoardName);
            if (setup == null || !setup.IsUsable)
            {
                // The drive-off step keeps every shipped board's switch, enable and setpoint pin low.
                _events.Report("board-error", (setup == null ? "no board" : setup.Error) + "; control loop not started, switch, enable and setpoint pins held off");
            }

            EdgeController controller = null;
            IAnalogInputs inputs = null;
            TickStatistics statistics = new TickStatistics();
            IEnableFeedOutput enableFeed = null;
            IUnitRecordStore recordStore = null;
            IUnitRecordStore latchStore = null;
            LatchedFaultKeeper latchedFaults = null;
            UnitCalibration unit = null;
            CalibrationMode calibration = null;
            if (setup != null && setup.IsUsable)
            {
                BoardDefinition board = setup.Board;
                for (int w = 0; w < board.WarningCount; w++)
                {
                    // E.g. a board without a hardware enable: nothing in hardware opens the switches if the runtime hangs.
                    _events.Report("board-warning", "board " + board.Name + " " + board.WarningAt(w).ToString());
                }

                recordStore = _devices.OpenUnitRecordStore();
                latchStore = _devices.OpenLatchedFaultStore();
                unit = UnitCalibrationLoader.Load(recordStore, _devices.OpenCalibrationStore().ReadText(), board, _events);

                // The board's own drivers take its pins over from here (an unusable board keeps them held off).
                Untrack(heldOff);
                _pinsHeldOff = false;

                _step = BootStep.Switches;
                _switchArray = _devices.OpenSwitches(board);
                for (int m = 0; m < _switchArray.Length; m++)
                {
                    Track(_switchArray[m]);
                }

                _switches = new LoadSwitchBank(_switchArray);

                _step = BootStep.Enable;
                enableFeed = _devices.OpenEnableFeed(board);
                Track(enableFeed);

                _step = BootStep.Multiplexer;
                IAnalogMultiplexer multiplexer = _devices.OpenMultiplexer(board);
                Track(multiplexer);

                _step = BootStep.Adc;
                inputs = _devices.OpenAnalogInputs(board, multiplexer);
                Track(inputs);

                _step = BootStep.Setpoint;
                _setpoints = OpenSetpoints(board);

                _step = BootStep.Led;
                _led = _devices.OpenStatusLed(board);
                Track(_led);

                // Unless the settings ask for it, nothing runs after a reset before an operator's start; a module latched
                // before the reset is held again from the first tick either way, until an operator's fault reset.
                setup.Configuration.StartImmediately = settings.AutoStart;
                controller = new EdgeController(setup.Layout, setup.Configuration);
                latchedFaults = new LatchedFaultKeeper(latchStore, controller, _events);
                latchedFaults.Restore();
            }

            _step = BootStep.Timer;
            ISampleTimer timer = _devices.OpenSampleTimer();
            Track(timer);
            string bootId = BootIdentity.Create((int)timer.NowUs());
            Console.WriteLine("device " + settings.DeviceId + ", boot id " + bootId);
            bool withBroker = settings.MqttHost.Length > 0;
            MessageOutbox outbox = null;
            TelemetryPublisher publisher = null;

            // One handler for MQTT commands and the console's control lines, with or without a broker: a bench without
            // one starts, stops and resets modules from the console.
            CommandHandler commands = null;
            if (controller != null)
            {
                OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
                outboxConfiguration.SlotCount = OutboxSlotCount;
                outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(setup.Layout.CellsPerModule));
                publisher = new TelemetryPublisher(outbox, bootId);
                SampleAcquisition acquisition = new SampleAcquisition(setup.Board, inputs, unit);
                calibration = new CalibrationMode(setup.Board, acquisition, recordStore, _events, settings.DeviceId, controller);
                _loop = new SamplingLoop(timer, controller, acquisition, _switches, withBroker ? publisher : null, statistics, _events, setup.Board.SamplePeriodMs, enableFeed);
                _loop.Calibration = calibration;
                _loop.Setpoints = _setpoints;
                _watchdog = new SamplingWatchdog(statistics, _switches, _events, _led, setup.Board.SamplePeriodMs);
                _watchdog.Setpoints = _setpoints;
                commands = new CommandHandler(controller, null);
                commands.DeviceCommands = new CalibrationCommands(calibration);
            }

            if (!withBroker)
            {
                _events.Report("mqtt-disabled", "no mqtt_host in the settings; running without telemetry");
            }
            else
            {
                _step = BootStep.Wifi;
                // Only TLS needs the clock (the certificates' dates): a plain-TCP broker is reached without SNTP.
                INetworkConnection network = _devices.OpenNetwork(settings.WifiTimeoutS * 1000, settings.MqttUsesTls);
                Track(network);

                _step = BootStep.Mqtt;
                if (outbox == null)
                {
                    // No control loop: the outbox only ever carries nothing; one small slot keeps the session uniform.
                    OutboxConfiguration emptyConfiguration = new OutboxConfiguration();
                    emptyConfiguration.SlotCount = 2;
                    outbox = new MessageOutbox(emptyConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
                }

                // The calls that stop the runtime (a name lookup, a TLS handshake) suspend the controller first.
                IControlPause pause = _loop == null ? null : new ControlLoopPause(controller, _switches, setup.Board.SamplePeriodMs, new ThreadSleepDelay());
                ISessionConnection connection = _devices.OpenMqtt(settings, topics, network, outbox, pause);
                Track(connection);
                _session = new MqttSession(settings, topics, connection, _devices.OpenClock(), outbox, bootId, controller, commands, publisher, _events, _led);
                connection.Session = _session.Session;
                connection.Events = _events;
                if (controller != null)
                {
                    // The layout announced before this boot: configs of entities a smaller board no longer has are cleared.
                    DiscoveryLayoutKeeper discoveryLayout = new DiscoveryLayoutKeeper(_devices.OpenDiscoveryLayoutStore(), _events);
                    discoveryLayout.Recall(out int announcedModules, out int announcedCells);
                    _session.Session.RememberAnnouncedLayout(announcedModules, announcedCells, discoveryLayout);
                }

                _session.Health = _devices.OpenHealth(statistics, outbox, _session.Session.Inbox, _watchdog, _loop == null ? 0 : _loop.PeriodUs);
                _session.Start();
            }

            if (_loop != null)
            {
                _step = BootStep.ControlLoop;
                _loop.Start();
                _watchdog.Start();
                Console.WriteLine(ControlLoopRunningLine(setup.Board.Name, setup.Board.SamplePeriodMs));
            }

            StartConsole(settings, setup != null && setup.IsUsable ? setup.Board : null, calibration, controller == null ? null : new ConsoleControl(controller, commands, bootId, _loop.Frame, _events));
            RunningFirmware running = new RunningFirmware(controller, _switches, _led, _loop, _watchdog, _session);
            running.LatchedFaults = latchedFaults;
            return running;
        }

        /// <summary>
        /// Opens the setpoint output of every module that declares one. One that throws (or comes back null) is
        /// reported and left undriven: the bank then holds that module's switch open for good, while the others run.
        /// </summary>
        private CurrentSetpointBank OpenSetpoints(BoardDefinition board)
        {
            ISetpointOutput[] outputs = new ISetpointOutput[board.ModuleCount];
            for (int m = 0; m < outputs.Length; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                if (module.SetpointKind == SetpointKind.None)
                {
                    continue;
                }

                string what = (module.SetpointKind == SetpointKind.Dac ? "DAC" : "PWM") + " setpoint on GPIO " + module.SetpointPin.ToString();
                try
                {
                    outputs[m] = _devices.OpenSetpoint(board, m);
                    Track(outputs[m]);
                    if (outputs[m] == null)
                    {
                        _events.Report("setpoint-error", "module " + m.ToString() + ": " + what + " not available; the module's switch stays open");
                    }
                }
                catch (Exception ex)
                {
                    outputs[m] = null;
                    _events.Report("setpoint-error", "module " + m.ToString() + ": " + what + " did not open (" + ex.Message + "); the module's switch stays open");
                }
            }

            return new CurrentSetpointBank(board, outputs);
        }

        /// <summary>
        /// <see cref="BootStep.Console"/>, after everything else: the control loop already runs, and a
        /// console that cannot start is reported without failing the boot (the operator can still use MQTT).
        /// </summary>
        private void StartConsole(DeviceSettings settings, BoardDefinition board, CalibrationMode calibration, ConsoleControl control)
        {
            _step = BootStep.Console;
            // Without a usable board (none named, an unknown name) the hardware may be any board of the catalog. The
            // defaults after a refused text were checked so when the settings were read.
            string conflict = settings.ConsoleUart == 0 || _settingsRefusal != null ? null
                : board != null ? ConsolePins.CheckAgainst(board, settings.ConsoleRxPin, settings.ConsoleTxPin) : CatalogClash(settings);
            if (conflict != null)
            {
                _events.Report("console-failed", conflict + "; no serial console (console_rx_pin, console_tx_pin), control loop unaffected");
                _events.ForgetEarlyLines();
                return;
            }

            try
            {
                ConsoleCommands commands = new ConsoleCommands(calibration, control, _session == null ? null : _session.Session);
                commands.SettingsText = ConsoleSettingsText.Of(settings, _settingsRefusal);
                commands.Events = _events;
                ConsoleSession session = new ConsoleSession(commands);
                session.Greeting = ConsoleSettingsText.Greeting(settings, _settingsRefusal);
                IDisposable console = _devices.OpenSerialConsole(settings, session, _events);
                if (console != null)
                {
                    Track(console);
                    _events.Echo = session;
                }
                else
                {
                    _events.ForgetEarlyLines();
                }
            }
            catch (Exception ex)
            {
                _events.Report("console-failed", "step " + BootStepNames.Of(BootStep.Console) + ": " + ex.GetType().Name + ": " + ex.Message + "; no serial console, control loop unaffected");
                _events.ForgetEarlyLines();
            }
        }

        private DeviceSettings LoadSettings(IConfigurationStore store)
        {
            _settingsRefusal = null;
            string text = store.ReadText();
            if (!DeviceSettingsParser.TryParse(text, out DeviceSettings settings, out string error))
            {
                _settingsRefusal = error;
                // The defaults name no board (none is guessed: the text that did not read may have named any, and another
                // board's outputs on this hardware drive pins wired otherwise), so every pin stays held off until the
                // settings read. Whether that text had a board line is not known: the report says only that none is named.
                settings.BoardName = string.Empty;
                string consoleOff = FallbackConsoleOff(settings, text);
                if (consoleOff != null)
                {
                    settings.ConsoleUart = 0;
                }

                // The refused text may have moved the console: the event (on the debug output too) says where it opens now,
                // or the engineer waits on the pins the text named for a console that is elsewhere.
                _events.Report("settings-invalid", error + "; using defaults, without a board: control loop not started; "
                    + (consoleOff == null ? "serial console on " + ConsoleSettingsText.Where(settings) : "no serial console: " + consoleOff));
            }

            string portHint = DeviceSettingsParser.PortHint(settings);
            if (portHint != null)
            {
                _events.Report("settings-warning", portHint);
            }

            return settings;
        }

        /// <summary>
        /// Why the defaults' console must not open after <paramref name="refusedText"/> was refused, or null: the text
        /// turned the console off, or the default pins are pins of a board in the catalog (<see cref="CatalogClash"/>).
        /// </summary>
        private string FallbackConsoleOff(DeviceSettings defaults, string refusedText)
        {
            string off = ConsoleFallback.TurnedOffBy(refusedText);
            if (off != null)
            {
                return off;
            }

            string clash = CatalogClash(defaults);
            return clash == null || clash.IndexOf("console_") != 0 ? clash : "the default " + clash;
        }

        /// <summary>
        /// Null when the console pins of <paramref name="settings"/> are pins of no board in the catalog, else the clash
        /// (or that a board's pins could not be read). Asked when no usable board is known: this hardware may be any of
        /// them, and the drive-off step holds their switch, enable and setpoint pins low, which a UART would take over.
        /// </summary>
        private string CatalogClash(DeviceSettings settings)
        {
            BoardDefinition[] boards = new BoardDefinition[BoardCatalog.Names.Length];
            for (int i = 0; i < boards.Length; i++)
            {
                BoardSetup setup = null;
                try
                {
                    setup = _devices.LoadBoard(BoardCatalog.Names[i]);
                }
                catch (Exception)
                {
                    // Not known, so not driven: said below.
                }

                if (setup == null || !setup.IsUsable)
                {
                    return "the pins of board " + BoardCatalog.Names[i] + " could not be read, so the console pins are not known to be free";
                }

                boards[i] = setup.Board;
            }

            return ConsolePins.CheckAgainstEach(boards, settings.ConsoleRxPin, settings.ConsoleTxPin);
        }

        /// <summary>
        /// Stops whatever runs and opens every switch; each part on its own, so one failure cannot keep a switch
        /// closed. Returns what holds the switches open now (<see cref="SwitchState"/>).
        /// </summary>
        private string MakeSafe()
        {
            if (_session != null)
            {
                try
                {
                    _session.Stop();
                }
                catch (Exception)
                {
                }
            }

            if (_watchdog != null)
            {
                _watchdog.Dispose();
            }

            if (_loop != null)
            {
                try
                {
                    _loop.Dispose();
                }
                catch (Exception)
                {
                }
            }

            if (_switches != null)
            {
                try
                {
                    _switches.LatchOpen();
                }
                catch (Exception)
                {
                    // Each switch is driven open again below, on its own: that pass says whether every one opened.
                }
            }

            if (_setpoints != null)
            {
                _setpoints.ZeroAll();
            }

            if (_switchArray != null)
            {
                string notDriven = null;
                for (int m = 0; m < _switchArray.Length; m++)
                {
                    try
                    {
                        _switchArray[m].SetClosed(false);
                    }
                    catch (Exception ex)
                    {
                        notDriven = ex.GetType().Name;
                    }
                }

                return notDriven == null ? "all switches driven open"
                    : "not every switch could be driven open (" + notDriven + "): the board's pull-downs hold the rest";
            }

            if (_pinsHeldOff)
            {
                return "no switch opened yet, switch pins held off since drive-off";
            }

            return FailedStep == BootStep.DriveOff
                ? "switch pins not driven (drive-off failed): the board's pull-downs hold the switches open"
                : "switch pins not driven (the switches could not be opened): the board's pull-downs hold them open";
        }

        private void Track(object part)
        {
            if (part is IDisposable disposable)
            {
                _opened.Add(disposable);
            }
        }

        private void Untrack(IDisposable part)
        {
            if (part != null)
            {
                _opened.Remove(part);
                part.Dispose();
            }
        }
    }
}
