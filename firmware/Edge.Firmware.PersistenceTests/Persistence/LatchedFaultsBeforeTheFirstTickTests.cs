// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Records;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Boards;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.SerialConsole;
using Edge.Firmware.Telemetry;
using Edge.Firmware.Watchdog;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Persistence
{
    /// <summary>
    /// Latched faults restored at boot stay stored until the controller holds them again: the restores are queued
    /// for the first tick, and the main thread's store of the latched set must not run ahead of it (firmware/README.md,
    /// "Latched faults survive a reset", "Storing the record").
    /// </summary>
    [TestClass]
    public class LatchedFaultsBeforeTheFirstTickTests
    {
        private const string AutoStart = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nauto_start = true\n";

        private const string Module1HardShort = "latched faults\n1 hardShort\nend 1\n";

        /// <summary>
        /// The keeper's Restore only queues the restores (they are applied at the controller's next tick),
        /// so the main thread's maintenance pass that runs before
        /// that tick (sample_period_ms above 100 ms, a slow first tick, or a first tick that throws and stops the loop
        /// for good) must not store the live set, which does not hold the restored modules yet: the flash record would
        /// then say nothing is latched, and the next reset releases the module that
        /// had the hard short. README: "At boot each stored module is latched again ... A boot that restores the
        /// stored set does not write it again."
        /// </summary>
        [TestMethod]
        public void AMaintenancePassBeforeTheFirstTickDoesNotEraseTheRestoredLatches()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = AutoStart;
            devices.LatchRecords.Text = Module1HardShort;
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            try
            {
                // The main thread's first pass, 100 ms after the boot, before the sampling thread's first tick.
                running.KeepLatchedFaults();

                string problem;
                int[] causes = LatchedFaultRecord.Parse(devices.LatchRecords.Text, running.Controller.Layout.ModuleCount, out problem);
                Assert.IsNull(problem, "the stored latch record no longer parses: " + problem);
                Assert.IsTrue(causes[1] != -2, "the main thread overwrote the latch record before the first tick; flash now holds '" + devices.LatchRecords.Text + "': module 1 (hard short) is released at the next reset");
                Assert.AreEqual(0, devices.LatchRecords.SaveAttempts, "a boot that restores the stored set must not write it again");
            }
            finally
            {
                running.Dispose();
            }
        }

        /// <summary>
        /// End to end: the first tick's ADC read throws, so the loop stops for good before it applied the
        /// restores (README: "An exception inside a tick latches all switches open ... and stops the loop"). The main
        /// thread's next pass must not store the live set without module 1: after the power cycle that recovers from the
        /// stopped loop, module 1 (stored for a hard short) must still be held, not released and, with auto_start,
        /// started.
        /// </summary>
        [TestMethod]
        public void AFirstTickThatThrowsDoesNotLetTheNextBootReleaseAStoredHardShort()
        {
            FakeUnitRecordStore latchFlash = new FakeUnitRecordStore();
            latchFlash.Text = Module1HardShort;

            // Boot 1: the ADC throws on the first read.
            FakeBootDevices first = new FakeBootDevices(FakeBootDevices.NoFailure);
            first.SettingsText = AutoStart;
            first.LatchRecords = latchFlash;
            RunningFirmware running = new BootSupervisor(new ThrowingAdcDevices(first), new DeviceEventLog(), new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            try
            {
                Assert.IsFalse(running.Loop.TickOnce(0), "the first tick was expected to fail on the ADC read");
                running.KeepLatchedFaults();
            }
            finally
            {
                running.Dispose();
            }

            // Boot 2 (power cycle), over the same flash; the ADC is fine again.
            FakeBootDevices second = new FakeBootDevices(FakeBootDevices.NoFailure);
            second.SettingsText = AutoStart;
            second.LatchRecords = latchFlash;
            RunningFirmware rebooted = new BootSupervisor(second, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            Assert.IsNotNull(rebooted);
            try
            {
                Edge.Core.Actuation.ActionFrame actions = HealthyTick.Run(rebooted.Controller, 0);
                Assert.AreEqual((int)ModuleState.Hold, (int)rebooted.Controller.Module(1).State, "module 1 had a stored hard short but is not held after the reset; flash holds '" + latchFlash.Text + "'");
                Assert.IsFalse(actions.SwitchClosed[1], "module 1's switch closed after the reset although a hard short was stored for it");
            }
            finally
            {
                rebooted.Dispose();
            }
        }

        /// <summary>The fake devices, with an ADC whose every read throws.</summary>
        private sealed class ThrowingAdcDevices : IBootDevices
        {
            private readonly FakeBootDevices _inner;

            public ThrowingAdcDevices(FakeBootDevices inner)
            {
                _inner = inner;
            }

            public IDisposable DriveOff(int[] pins) => _inner.DriveOff(pins);

            public IConfigurationStore OpenSettings() => _inner.OpenSettings();

            public BoardSetup LoadBoard(string boardName) => _inner.LoadBoard(boardName);

            public IConfigurationStore OpenCalibrationStore() => _inner.OpenCalibrationStore();

            public IUnitRecordStore OpenUnitRecordStore() => _inner.OpenUnitRecordStore();

            public IUnitRecordStore OpenLatchedFaultStore() => _inner.OpenLatchedFaultStore();

            public IUnitRecordStore OpenDiscoveryLayoutStore() => _inner.OpenDiscoveryLayoutStore();

            public ILoadSwitch[] OpenSwitches(BoardDefinition board) => _inner.OpenSwitches(board);

            public IEnableFeedOutput OpenEnableFeed(BoardDefinition board) => _inner.OpenEnableFeed(board);

            public IAnalogMultiplexer OpenMultiplexer(BoardDefinition board) => _inner.OpenMultiplexer(board);

            public IAnalogInputs OpenAnalogInputs(BoardDefinition board, IAnalogMultiplexer multiplexer)
            {
                FakeAnalogInputs inputs = new FakeAnalogInputs();
                inputs.ThrowOnRead = true;
                return inputs;
            }

            public ISetpointOutput OpenSetpoint(BoardDefinition board, int module) => _inner.OpenSetpoint(board, module);

            public IStatusLed OpenStatusLed(BoardDefinition board) => _inner.OpenStatusLed(board);

            public ISampleTimer OpenSampleTimer() => _inner.OpenSampleTimer();

            public INetworkConnection OpenNetwork(int timeoutMs, bool requiresTime) => _inner.OpenNetwork(timeoutMs, requiresTime);

            public ISessionConnection OpenMqtt(DeviceSettings settings, TopicSet topics, INetworkConnection network, MessageOutbox outbox, IControlPause pause) => _inner.OpenMqtt(settings, topics, network, outbox, pause);

            public IMonotonicClock OpenClock() => _inner.OpenClock();

            public IHealthSource OpenHealth(TickStatistics statistics, MessageOutbox outbox, CommandInbox inbox, SamplingWatchdog watchdog, int periodUs) => _inner.OpenHealth(statistics, outbox, inbox, watchdog, periodUs);

            public IDisposable OpenSerialConsole(DeviceSettings settings, ConsoleSession session, DeviceEventLog events) => _inner.OpenSerialConsole(settings, session, events);
        }
    }
}
