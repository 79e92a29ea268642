// Licensed under the MIT License.

using System;
using System.Device.Adc;
using System.Device.Dac;
using System.Device.Gpio;
using Edge.Core.Boards;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Diagnostics;
using Edge.Core.Session;
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
    /// The ESP32's peripherals for <see cref="BootSequence"/>: GPIO, ADC1, LEDC PWM, the DAC, the
    /// high-resolution timer, Wi-Fi and M2Mqtt. The GPIO controller is created on first use (so that a
    /// failure there is reported as the step that needed it) and kept for the device's lifetime.
    /// </summary>
    public sealed class Esp32BootDevices : IBootDevices
    {
        private GpioController _gpio;
        private DacController _dac;

        /// <inheritdoc />
        public IDisposable DriveOff(int[] pins)
        {
            return new HeldOffPins(Gpio(), pins);
        }

        /// <inheritdoc />
        public IConfigurationStore OpenSettings()
        {
            return new DeployedConfigurationStore();
        }

        /// <inheritdoc />
        public BoardSetup LoadBoard(string boardName)
        {
            return BoardCatalog.Setup(boardName);
        }

        /// <inheritdoc />
        public IConfigurationStore OpenCalibrationStore()
        {
            return new DeployedCalibrationStore();
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenUnitRecordStore()
        {
            return new FlashUnitRecordStore(new FlashFiles(), FlashUnitRecordStore.DefaultPath);
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenLatchedFaultStore()
        {
            return new FlashUnitRecordStore(new FlashFiles(), LatchedFaultRecord.DefaultPath);
        }

        /// <inheritdoc />
        public IUnitRecordStore OpenDiscoveryLayoutStore()
        {
            return new FlashUnitRecordStore(new FlashFiles(), DiscoveryLayoutRecord.DefaultPath);
        }

        /// <inheritdoc />
        public ILoadSwitch[] OpenSwitches(BoardDefinition board)
        {
            return LoadSwitchFactory.Create(Gpio(), board);
        }

        /// <inheritdoc />
        public IEnableFeedOutput OpenEnableFeed(BoardDefinition board)
        {
            return board.HardwareEnable == null ? null : new GpioEnableFeedOutput(Gpio(), board.HardwareEnable.FeedPin);
        }

        /// <inheritdoc />
        public IAnalogMultiplexer OpenMultiplexer(BoardDefinition board)
        {
            return board.Mux == null ? null : new AnalogMultiplexer(Gpio(), board.Mux);
        }

        /// <inheritdoc />
        public IAnalogInputs OpenAnalogInputs(BoardDefinition board, IAnalogMultiplexer multiplexer)
        {
            return new Esp32AnalogInputs(new AdcController(), board, multiplexer);
        }

        /// <inheritdoc />
        public ISetpointOutput OpenSetpoint(BoardDefinition board, int module)
        {
            ModuleDefinition definition = board.ModuleAt(module);
            if (definition.SetpointKind == SetpointKind.Dac)
            {
                if (_dac == null)
                {
                    _dac = DacController.GetDefault();
                }

                return new DacSetpointOutput(_dac, definition.SetpointPin);
            }

            if (definition.SetpointKind == SetpointKind.Pwm)
            {
                // Started at 0 counts (no current) on the LEDC channel the board names; never stopped (IPwmOutput).
                LedcPwmOutput output = new LedcPwmOutput(
                    definition.SetpointPin, LoadSwitchFactory.PwmFunction(definition.SetpointPwmChannel), definition.SetpointPwmFrequencyHz, LedcDuty.ZeroCounts);
                return new PwmSetpointOutput(output, LedcResolution.BitsAt(definition.SetpointPwmFrequencyHz));
            }

            return null;
        }

        /// <inheritdoc />
        public IStatusLed OpenStatusLed(BoardDefinition board)
        {
            return new StatusLed(Gpio(), board.StatusLedPin, board.StatusLedPolarity);
        }

        /// <inheritdoc />
        public ISampleTimer OpenSampleTimer()
        {
            HighResSampleTimer timer = new HighResSampleTimer();

            // Read once now: a runtime without the ESP32 timer fails this step, not the first tick.
            timer.NowUs();
            return timer;
        }

        /// <inheritdoc />
        public INetworkConnection OpenNetwork(int timeoutMs, bool requiresTime)
        {
            return new WifiConnection(timeoutMs, requiresTime);
        }

        /// <inheritdoc />
        public ISessionConnection OpenMqtt(DeviceSettings settings, TopicSet topics, INetworkConnection network, MessageOutbox outbox, IControlPause pause)
        {
            return new M2MqttTransport(settings, topics, network, outbox, pause);
        }

        /// <inheritdoc />
        public IMonotonicClock OpenClock()
        {
            return new HighResolutionClock();
        }

        /// <inheritdoc />
        public IHealthSource OpenHealth(TickStatistics statistics, MessageOutbox outbox, CommandInbox inbox, SamplingWatchdog watchdog, int periodUs)
        {
            return new HealthSampler(statistics, outbox, inbox, watchdog, periodUs);
        }

        /// <inheritdoc />
        public IDisposable OpenSerialConsole(DeviceSettings settings, ConsoleSession session, DeviceEventLog events)
        {
            return settings.ConsoleUart == 0 ? null : new UartConsole(settings.ConsoleUart, settings.ConsoleRxPin, settings.ConsoleTxPin, settings.ConsoleBaud, session, events);
        }

        private GpioController Gpio()
        {
            if (_gpio == null)
            {
                _gpio = new GpioController();
            }

            return _gpio;
        }
    }
}
