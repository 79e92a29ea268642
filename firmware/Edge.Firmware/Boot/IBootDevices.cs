// Licensed under the MIT License.

using System;
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
    /// Everything the boot opens, one method per <see cref="BootStep"/>: the ESP32 peripherals on the
    /// device (<see cref="Esp32BootDevices"/>), fakes in tests. Any method may throw; the boot then
    /// leaves the switches open, reports the step and tries again later. What a method returns and
    /// implements <see cref="IDisposable"/> is released by the boot when a later step fails.
    /// </summary>
    public interface IBootDevices
    {
        /// <summary>
        /// <see cref="BootStep.DriveOff"/>: opens every pin of <paramref name="pins"/> as an output at its
        /// off level (low) and holds it so until the returned object is disposed.
        /// </summary>
        IDisposable DriveOff(int[] pins);

        /// <summary><see cref="BootStep.Settings"/>: where the device settings text is kept.</summary>
        IConfigurationStore OpenSettings();

        /// <summary>
        /// <see cref="BootStep.Board"/>: the named board, parsed (unusable boards come back with their error, not as an
        /// exception). Also asked for every board of the catalog when no usable board is known (settings refused, no or an
        /// unknown board named), so that the serial console opens on no pin any of them uses.
        /// </summary>
        BoardSetup LoadBoard(string boardName);

        /// <summary><see cref="BootStep.Board"/>: the unit's calibration record as deployed (used while flash holds none).</summary>
        IConfigurationStore OpenCalibrationStore();

        /// <summary><see cref="BootStep.Board"/>: where the calibration mode stores the unit's record (internal flash); a stored record wins over the deployed one.</summary>
        IUnitRecordStore OpenUnitRecordStore();
        /// <summary><see cref="BootStep.Board"/>: where the controller's latched faults are kept across resets (internal flash).</summary>
        IUnitRecordStore OpenLatchedFaultStore();

        /// <summary>
        /// <see cref="BootStep.Mqtt"/>: where the layout whose Home Assistant discovery configs were announced last is kept
        /// across resets and board changes (internal flash).
        /// </summary>
        IUnitRecordStore OpenDiscoveryLayoutStore();

        /// <summary><see cref="BootStep.Switches"/>: one load switch per module, each already driven open.</summary>
        ILoadSwitch[] OpenSwitches(BoardDefinition board);

        /// <summary><see cref="BootStep.Enable"/>: the hardware enable's feed pin, low, or null when the board has no hardware enable.</summary>
        IEnableFeedOutput OpenEnableFeed(BoardDefinition board);

        /// <summary><see cref="BootStep.Multiplexer"/>: the board's analog multiplexer, or null when it has none.</summary>
        IAnalogMultiplexer OpenMultiplexer(BoardDefinition board);

        /// <summary><see cref="BootStep.Adc"/>: the board's analog inputs, through <paramref name="multiplexer"/> where the board says so.</summary>
        IAnalogInputs OpenAnalogInputs(BoardDefinition board, IAnalogMultiplexer multiplexer);

        /// <summary>
        /// <see cref="BootStep.Setpoint"/>: module <paramref name="module"/>'s current-setpoint output (the DAC channel or
        /// filtered PWM its board declares), writing code 0; asked only for modules that declare one.
        /// </summary>
        ISetpointOutput OpenSetpoint(BoardDefinition board, int module);

        /// <summary><see cref="BootStep.Led"/>: the status LED, showing <see cref="StatusLedPattern.Offline"/>.</summary>
        IStatusLed OpenStatusLed(BoardDefinition board);

        /// <summary><see cref="BootStep.Timer"/>: the sample timer (not started).</summary>
        ISampleTimer OpenSampleTimer();

        /// <summary>
        /// <see cref="BootStep.Wifi"/>: the network link (not joined yet), each attempt waiting at most
        /// <paramref name="timeoutMs"/>, and for the SNTP time only when <paramref name="requiresTime"/> (TLS).
        /// </summary>
        INetworkConnection OpenNetwork(int timeoutMs, bool requiresTime);

        /// <summary>
        /// <see cref="BootStep.Mqtt"/>: the MQTT client for the broker in <paramref name="settings"/>, over
        /// <paramref name="network"/>; its calls that stop the runtime run in <paramref name="pause"/> (null: no control loop).
        /// </summary>
        ISessionConnection OpenMqtt(DeviceSettings settings, TopicSet topics, INetworkConnection network, MessageOutbox outbox, IControlPause pause);

        /// <summary><see cref="BootStep.Mqtt"/>: the monotonic millisecond clock the session's back-off runs on.</summary>
        IMonotonicClock OpenClock();

        /// <summary><see cref="BootStep.Mqtt"/>: the health report source, or null (no health messages).</summary>
        IHealthSource OpenHealth(TickStatistics statistics, MessageOutbox outbox, CommandInbox inbox, SamplingWatchdog watchdog, int periodUs);

        /// <summary>
        /// <see cref="BootStep.Console"/>: the operator's serial console on the UART, pins and baud rate of
        /// <paramref name="settings"/>, running <paramref name="session"/>; null when the settings turn it off.
        /// </summary>
        IDisposable OpenSerialConsole(DeviceSettings settings, ConsoleSession session, DeviceEventLog events);
    }
}
