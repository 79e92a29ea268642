// Licensed under the MIT License.

using System;
using System.Collections;
using Edge.Core.Boards;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Core.Session;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using Edge.Firmware.Telemetry;
using Edge.Firmware.Watchdog;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// The device for the boot without hardware: fakes for every peripheral, and one step that
    /// throws (<see cref="FailingStep"/>) for the first <see cref="FailingAttempts"/> attempts.
    /// Everything it hands out is kept so that tests can inspect it afterwards.
    /// </summary>
    public sealed class FakeBootDevices : IBootDevices
    {
        /// <summary>No step fails.</summary>
        public const int NoFailure = -1;

        private int _attempt;

        /// <summary>Boots the DevKitC board with a broker, failing at <paramref name="failingStep"/> (or <see cref="NoFailure"/>).</summary>
        public FakeBootDevices(int failingStep)
        {
            FailingStep = failingStep;
            FailingAttempts = int.MaxValue;
        }

        /// <summary>Index of the <see cref="BootStep"/> that throws, or <see cref="NoFailure"/>.</summary>
        public int FailingStep { get; }

        /// <summary>How many attempts fail before the step works.</summary>
        public int FailingAttempts { get; set; }

        /// <summary>Module whose switch driver throws when commanded open (after the switches step), or -1.</summary>
        public int SwitchFailingToOpen { get; set; } = -1;

        /// <summary>How often that driver throws before it opens after all.</summary>
        public int SwitchOpenFailures { get; set; } = int.MaxValue;

        /// <summary>Commands to open that driver still carries out before it starts failing.</summary>
        public int SwitchOpensBeforeFailing { get; set; }

        /// <summary>The settings text the store returns.</summary>
        public string SettingsText { get; set; } = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nmqtt_host = broker\n";

        /// <summary>A board text to boot instead of the catalog's board named in the settings, or null.</summary>
        public string BoardText { get; set; }

        /// <summary>The deployed calibration record (null: none deployed), used while <see cref="UnitRecords"/> holds none.</summary>
        public FakeTextStore CalibrationStore { get; } = new FakeTextStore();

        /// <summary>The calibration mode's record store (internal flash on the device); survives a new boot sequence over the same devices.</summary>
        public FakeUnitRecordStore UnitRecords { get; set; } = new FakeUnitRecordStore();

        /// <summary>The latched faults' record store (internal flash on the device); survives a new boot sequence too.</summary>
        public FakeUnitRecordStore LatchRecords { get; set; } = new FakeUnitRecordStore();

        /// <summary>The announced discovery layout's record store (internal flash on the device); survives a new boot sequence too.</summary>
        public FakeUnitRecordStore DiscoveryLayoutRecords { get; set; } = new FakeUnitRecordStore();

        /// <summary>The serial console sessions the boot started, in order.</summary>
        public ArrayList ConsoleSessions { get; } = new ArrayList();

        /// <summary>When set, the LEDs handed out throw on every Show.</summary>
        public bool BrokenLed { get; set; }

        /// <summary>Every load switch handed out, over all attempts.</summary>
        public ArrayList Switches { get; } = new ArrayList();

        /// <summary>Every status LED handed out.</summary>
        public ArrayList Leds { get; } = new ArrayList();

        /// <summary>Every sample timer handed out.</summary>
        public ArrayList Timers { get; } = new ArrayList();

        /// <summary>The steps in the order the boot asked for them, over all attempts, as BootStepNames names them.</summary>
        public ArrayList Calls { get; } = new ArrayList();

        /// <summary>Every drive-off hold handed out.</summary>
        public ArrayList HeldOff { get; } = new ArrayList();

        /// <summary>Every enable feed output handed out.</summary>
        public ArrayList EnableFeeds { get; } = new ArrayList();

        /// <summary>Module whose setpoint output throws when opened (the others open), or <see cref="NoFailure"/>.</summary>
        public int FailingSetpointModule { get; set; } = NoFailure;

        /// <summary>Every setpoint output handed out, over all attempts.</summary>
        public ArrayList SetpointOutputs { get; } = new ArrayList();

        /// <summary>How often the switches were asked for.</summary>
        public int SwitchRequests { get; private set; }

        /// <summary>True when no switch handed out is closed now or ever was.</summary>
        public bool NoSwitchWasEverClosed
        {
            get
            {
                for (int i = 0; i < Switches.Count; i++)
                {
                    if (((FakeLoadSwitch)Switches[i]).WasEverClosed)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>True when every switch handed out is open now.</summary>
        public bool AllSwitchesOpen
        {
            get
            {
                for (int i = 0; i < Switches.Count; i++)
                {
                    if (((FakeLoadSwitch)Switches[i]).IsClosed)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>True once the boot opened the network link.</summary>
        public bool NetworkOpened { get; private set; }

        /// <summary>Whether the boot asked the network link to wait for the SNTP time.</summary>
        public bool NetworkRequiresTime { get; private set; }

        /// <summary>The settings the boot opened the MQTT connection with (null: no connection opened).</summary>
        public DeviceSettings MqttSettings { get; private set; }

        /// <summary>The quiet window the boot gave the MQTT client (null: none, or no client).</summary>
        public IControlPause MqttPause { get; private set; }

        /// <summary>The LED of the last attempt that opened one, or null.</summary>
        public FakeStatusLed LastLed
        {
            get { return Leds.Count == 0 ? null : (FakeStatusLed)Leds[Leds.Count - 1]; }
        }

        /// <inheritdoc />
        public IDisposable DriveOff(int[] pins)
        {
            _attempt++;
            FailIf(BootStep.DriveOff);
            FakePinHold hold = new FakePinHold(pins, Calls);
            HeldOff.Add(hold);
            return hold;
        }

        /// <inheritdoc />
        public IConfigurationStore OpenSettings()
        {
            FailIf(BootStep.Settings);
            return new TextStore(SettingsText);
        }

        /// <inheritdoc />
        public BoardSetup LoadBoard(string boardName)
        {
            FailIf(BootStep.Board);
            return BoardText == null ? BoardCatalog.Setup(boardName) : BoardSetup.FromText(BoardText);
        }

        /// <inheritdoc />
        public IConfigurationStore OpenCalibrationStore()
        {
            return CalibrationStore;
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenUnitRecordStore()
        {
            return UnitRecords;
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenLatchedFaultStore()
        {
            return LatchRecords;
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenDiscoveryLayoutStore()
        {
            return DiscoveryLayoutRecords;
        }

        /// <inheritdoc />
        public ILoadSwitch[] OpenSwitches(BoardDefinition board)
        {
            SwitchRequests++;
            FailIf(BootStep.Switches);
            ILoadSwitch[] switches = new ILoadSwitch[board.ModuleCount];
            for (int m = 0; m < switches.Length; m++)
            {
                FakeLoadSwitch fake = new FakeLoadSwitch();
                fake.SetClosed(false);
                fake.OpenFailuresLeft = m == SwitchFailingToOpen ? SwitchOpenFailures : 0;
                fake.OpensBeforeFailing = m == SwitchFailingToOpen ? SwitchOpensBeforeFailing : 0;
                switches[m] = fake;
                Switches.Add(fake);
            }

            return switches;
        }

        /// <inheritdoc />
        public IEnableFeedOutput OpenEnableFeed(BoardDefinition board)
        {
            FailIf(BootStep.Enable);
            if (board.HardwareEnable == null)
            {
                return null;
            }

            FakeEnableFeedOutput feed = new FakeEnableFeedOutput();
            EnableFeeds.Add(feed);
            return feed;
        }

        /// <inheritdoc />
        public IAnalogMultiplexer OpenMultiplexer(BoardDefinition board)
        {
            FailIf(BootStep.Multiplexer);
            return null;
        }

        /// <inheritdoc />
        public IAnalogInputs OpenAnalogInputs(BoardDefinition board, IAnalogMultiplexer multiplexer)
        {
            FailIf(BootStep.Adc);
            return new FakeAnalogInputs();
        }

        /// <inheritdoc />
        public ISetpointOutput OpenSetpoint(BoardDefinition board, int module)
        {
            Calls.Add(BootStepNames.Of(BootStep.Setpoint));
            if (module == FailingSetpointModule)
            {
                throw new InvalidOperationException("fake DAC channel failure");
            }

            // A failing setpoint step: the output opens but cannot be written, so the bank cannot set it to 0.
            FakeSetpointOutput output = new FakeSetpointOutput();
            output.ThrowOnWrite = FailsNow(BootStep.Setpoint);
            SetpointOutputs.Add(output);
            return output;
        }

        /// <inheritdoc />
        public IStatusLed OpenStatusLed(BoardDefinition board)
        {
            FailIf(BootStep.Led);
            FakeStatusLed led = new FakeStatusLed();
            led.ThrowOnShow = BrokenLed;
            Leds.Add(led);
            return led;
        }

        /// <inheritdoc />
        public ISampleTimer OpenSampleTimer()
        {
            FailIf(BootStep.Timer);
            FakeSampleTimer timer = new FakeSampleTimer();

            // The control loop step fails when the loop arms its timer.
            timer.ThrowOnStart = FailsNow(BootStep.ControlLoop);
            Timers.Add(timer);
            return timer;
        }

        /// <inheritdoc />
        public INetworkConnection OpenNetwork(int timeoutMs, bool requiresTime)
        {
            FailIf(BootStep.Wifi);
            NetworkOpened = true;
            NetworkRequiresTime = requiresTime;

            // No link: the network thread starts but never reaches the broker, so the device events
            // stay in the log for the test to read (a connected session would publish and remove them).
            FakeNetwork network = new FakeNetwork();
            network.IsUp = false;
            return network;
        }

        /// <inheritdoc />
        public ISessionConnection OpenMqtt(DeviceSettings settings, TopicSet topics, INetworkConnection network, MessageOutbox outbox, IControlPause pause)
        {
            FailIf(BootStep.Mqtt);
            MqttSettings = settings;
            MqttPause = pause;

            // The network stays down (OpenNetwork): every attempt fails as the device's would without a link.
            FakeConnection connection = new FakeConnection(topics);
            connection.NextOutcome = network.TryConnect() ? ConnectOutcome.Accepted : ConnectOutcome.NetworkUnavailable;
            return connection;
        }

        /// <inheritdoc />
        public IMonotonicClock OpenClock()
        {
            return new FakeClock();
        }

        /// <inheritdoc />
        public IDisposable OpenSerialConsole(DeviceSettings settings, ConsoleSession session, DeviceEventLog events)
        {
            FailIf(BootStep.Console);
            if (settings.ConsoleUart == 0)
            {
                return null;
            }

            ConsoleSessions.Add(session);
            return new FakeConsole();
        }

        /// <inheritdoc />
        public IHealthSource OpenHealth(TickStatistics statistics, MessageOutbox outbox, CommandInbox inbox, SamplingWatchdog watchdog, int periodUs)
        {
            return null;
        }

        private bool FailsNow(BootStep step)
        {
            return (int)step == FailingStep && _attempt <= FailingAttempts;
        }

        private void FailIf(BootStep step)
        {
            Calls.Add(BootStepNames.Of(step));
            if (FailsNow(step))
            {
                throw new InvalidOperationException("fake " + BootStepNames.Of(step) + " failure");
            }
        }

        /// <summary>A drive-off hold: the pins it holds, and whether it was released.</summary>
        public sealed class FakePinHold : IDisposable
        {
            private readonly ArrayList _calls;

            public FakePinHold(int[] pins, ArrayList calls)
            {
                Pins = pins;
                _calls = calls;
            }

            /// <summary>The pins held low.</summary>
            public int[] Pins { get; }

            /// <summary>True once released.</summary>
            public bool IsReleased { get; private set; }

            /// <summary>Releases the pins (logged as "release-drive-off" among the steps).</summary>
            public void Dispose()
            {
                IsReleased = true;
                _calls.Add("release-drive-off");
            }
        }

        /// <summary>An open console: nothing to release.</summary>
        private sealed class FakeConsole : IDisposable
        {
            public void Dispose()
            {
            }
        }

        private sealed class TextStore : IConfigurationStore
        {
            private readonly string _text;

            public TextStore(string text)
            {
                _text = text;
            }

            public string ReadText()
            {
                return _text;
            }

            public bool TryWriteText(string text)
            {
                return false;
            }
        }
    }
}
