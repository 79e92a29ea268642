// Licensed under the MIT License.

using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Threading;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.Telemetry;
using Edge.Firmware.Watchdog;

namespace Edge.Firmware
{
    /// <summary>
    /// Boot sequence of the Edge controller on an ESP32. Safety first: the load switches are opened
    /// before anything can fail, the control loop starts before (and independently of) the network,
    /// and a board that does not parse leaves the hardware untouched and the loop stopped.
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// Outbox slots: the contract's guidance for a plain ESP32 (16 to 32; about 13 KB at 2 cells per
        /// module). Holds about 12 s of 1 Hz cell voltages of a 2-module pack plus events while the broker is away.
        /// </summary>
        private const int OutboxSlotCount = 24;

        /// <summary>How often the main thread refreshes the status LED from the module states, ms.</summary>
        private const int LedRefreshMs = 500;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
            DeviceEventLog events = new DeviceEventLog();
            Console.WriteLine("Edge controller starting");

            // 1. Settings: identity, board and broker. A bad text means defaults, reported.
            DeviceSettings settings = LoadSettings(new DeployedConfigurationStore(), events);
            TopicSet topics = new TopicSet(settings.DeviceId);
            string bootId = BootIdentity.Create((int)MicrosecondClock.NowUs());
            Console.WriteLine("device " + settings.DeviceId + ", boot id " + bootId);

            // 2. Board file, parsed with the core's parser. On error no pin is touched: the ESP32 leaves
            //    every GPIO as an input after reset, and the boards pull each switch to its off state.
            BoardSetup setup = BoardSetup.FromCatalog(settings.BoardName);
            GpioController gpio = new GpioController();
            EdgeController controller = null;
            TelemetryPublisher publisher = null;
            MessageOutbox outbox = null;
            StatusLed led = null;
            SamplingWatchdog watchdog = null;
            SamplingLoop loop = null;
            TickStatistics statistics = new TickStatistics();
            if (!setup.IsUsable)
            {
                events.Report("board-error", setup.Error + "; control loop not started, switches untouched (open)");
            }
            else
            {
                led = new StatusLed(gpio, setup.Board.StatusLedPin, setup.Board.StatusLedPolarity);

                // 3. Load switches, opened before anything else can fail.
                LoadSwitchBank switches = new LoadSwitchBank(LoadSwitchFactory.Create(gpio, setup.Board));
                try
                {
                    // 4. ADC (ADC1 only) and multiplexer, the controller, the outbox.
                    AnalogMultiplexer mux = setup.Board.Mux == null ? null : new AnalogMultiplexer(gpio, setup.Board.Mux);
                    Esp32AnalogInputs inputs = new Esp32AnalogInputs(new AdcController(), setup.Board, mux);
                    setup.Configuration.Telemetry.HomeAssistantDiscovery = settings.HomeAssistantDiscovery;
                    controller = new EdgeController(setup.Layout, setup.Configuration);
                    OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
                    outboxConfiguration.SlotCount = OutboxSlotCount;
                    outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(setup.Layout.CellsPerModule));
                    publisher = new TelemetryPublisher(outbox, bootId);

                    // 5. Sampling on its own highest-priority thread, paced by the high-resolution timer,
                    //    and the watchdog that opens every switch if it stalls.
                    loop = new SamplingLoop(controller, new SampleAcquisition(setup.Board, inputs), switches, settings.MqttHost.Length == 0 ? null : publisher, statistics, events, setup.Board.SamplePeriodMs);
                    watchdog = new SamplingWatchdog(statistics, switches, events, led, setup.Board.SamplePeriodMs);
                    loop.Start();
                    watchdog.Start();
                    Console.WriteLine("control loop running: board " + setup.Board.Name + ", " + setup.Board.SamplePeriodMs.ToString() + " ms period");
                }
                catch (Exception ex)
                {
                    if (loop != null)
                    {
                        loop.Dispose();
                        loop = null;
                    }

                    switches.LatchOpen();
                    controller = null;
                    led.Show(StatusLedPattern.BoardError);
                    events.Report("hardware-error", ex.Message + "; switches latched open, control loop not started");
                }
            }

            if (controller == null && led != null)
            {
                led.Show(StatusLedPattern.BoardError);
            }

            // 6. Network on its own low-priority thread: Wi-Fi (stored credentials), SNTP, MQTT.
            if (settings.MqttHost.Length == 0)
            {
                events.Report("mqtt-disabled", "no mqtt_host in the settings; running without telemetry");
            }
            else
            {
                if (outbox == null)
                {
                    // No control loop: the outbox only ever carries nothing; one small slot keeps the session uniform.
                    OutboxConfiguration emptyConfiguration = new OutboxConfiguration();
                    emptyConfiguration.SlotCount = 1;
                    outbox = new MessageOutbox(emptyConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
                }

                CommandHandler commands = controller == null ? null : new CommandHandler(controller, null);
                M2MqttTransport transport = new M2MqttTransport(settings, topics, new WifiConnection(settings.WifiTimeoutS * 1000), outbox);
                MqttSession session = new MqttSession(settings, topics, transport, new HighResolutionClock(), outbox, bootId, controller, commands, publisher, events, led);
                transport.Session = session.Session;
                int periodUs = loop == null ? 0 : loop.PeriodUs;
                session.Health = new HealthSampler(statistics, outbox, session.Session.Inbox, watchdog, periodUs);
                session.Start();
            }

            // 7. The main thread only keeps the status LED in step with the modules.
            while (true)
            {
                Thread.Sleep(LedRefreshMs);
                if (controller != null && led != null)
                {
                    led.ModuleFault = AnyModuleFaulted(controller);
                }
            }
        }

        private static DeviceSettings LoadSettings(IConfigurationStore store, DeviceEventLog events)
        {
            if (!DeviceSettingsParser.TryParse(store.ReadText(), out DeviceSettings settings, out string error))
            {
                events.Report("settings-invalid", error + "; using defaults");
            }

            return settings;
        }

        private static bool AnyModuleFaulted(EdgeController controller)
        {
            for (int m = 0; m < controller.Layout.ModuleCount; m++)
            {
                if (controller.Diagnosis.HasLatchedFault(m))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
