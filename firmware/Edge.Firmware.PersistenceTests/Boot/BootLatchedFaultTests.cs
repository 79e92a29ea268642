// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// Latched faults survive a reset: the boot latches the stored modules again before the first tick, auto_start or
    /// not; a record that does not read wholly keeps what reads and holds what it leaves in doubt; a latch and a fault reset are stored from the main thread.
    /// </summary>
    [TestClass]
    public class BootLatchedFaultTests
    {
        private const string AutoStart = "device_id = pack-7\nboard = esp32-devkitc-4s2m\nauto_start = true\n";

        [TestMethod]
        public void AStoredLatchHoldsItsModuleAfterTheResetEvenWithAutoStart()
        {
            // As an editor on Windows would leave it: the runtime's Trim must take the carriage returns.
            FakeBootDevices devices = Devices(AutoStart, "latched faults\r\n1 hardShort\r\nend 1\r\n");
            RunningFirmware running = Boot(devices);
            try
            {
                EdgeController controller = running.Controller;
                ActionFrame actions = HealthyTick.Run(controller, 0);
                Assert.AreEqual((int)ModuleState.Pulse, (int)controller.Module(0).State, "module 0 holds nothing");
                Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(1).State, "module 1 not held");
                Assert.AreEqual((int)StopReason.HardShort, (int)controller.Module(1).StopReason);
                Assert.IsFalse(actions.SwitchClosed[1], "switch 1 closed");

                // The record already holds what was restored: not written again. A fault reset stores one without the
                // module once the release has held for 50 checks (about 5 s at the main thread's 100 ms).
                running.KeepLatchedFaults();
                Assert.AreEqual(0, devices.LatchRecords.SaveAttempts);
                controller.RequestFaultReset(1);
                HealthyTick.Run(controller, 1);
                for (int i = 0; i < 49; i++)
                {
                    running.KeepLatchedFaults();
                }

                Assert.AreEqual(0, devices.LatchRecords.SaveAttempts, "the release was stored before it had held");
                running.KeepLatchedFaults();
                Assert.AreEqual("latched faults\nend 0\n", devices.LatchRecords.Text);
            }
            finally
            {
                running.Dispose();
            }
        }

        [TestMethod]
        public void ARecordThatLeavesItsModulesInDoubtHoldsEveryModule()
        {
            // A module the board lacks, a record cut short, an empty file; then a storage that cannot read the record at
            // all (null here).
            string[] records = new string[] { "latched faults\n7 hardShort\nend 1\n", "latched faults\n1 hardShort\n", string.Empty, null };
            for (int r = 0; r < records.Length; r++)
            {
                FakeBootDevices devices = Devices(AutoStart, records[r]);
                if (records[r] == null)
                {
                    devices.LatchRecords.LoadFailure = "cannot read";
                }

                DeviceEventLog events = new DeviceEventLog();
                RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
                try
                {
                    EdgeController controller = running.Controller;
                    HealthyTick.Run(controller, 0);
                    for (int m = 0; m < controller.Layout.ModuleCount; m++)
                    {
                        Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(m).State, "record " + r.ToString());
                    }

                    Assert.IsTrue(HasEvent(events, "latch-record-unreadable"), "record " + r.ToString());
                }
                finally
                {
                    running.Dispose();
                }
            }
        }

        [TestMethod]
        public void ALineWithAnUnknownDiagnosisHoldsOnlyItsModuleAndTheOtherLinesKeepTheirCauses()
        {
            // A name another firmware wrote: module 1 held for an unknown cause, module 0's hard short kept, and nothing
            // else held (auto_start runs a module no line names).
            FakeBootDevices devices = Devices(AutoStart, "latched faults\n0 hardShort\n1 noSuchRow\nend 2\n");
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                EdgeController controller = running.Controller;
                HealthyTick.Run(controller, 0);
                Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(0).State);
                Assert.AreEqual((int)StopReason.HardShort, (int)controller.Module(0).StopReason);
                Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(1).State);
                Assert.IsFalse(controller.Diagnosis.IsLatchCauseKnown(1), "module 1's cause was not readable");
                Assert.IsTrue(HasEvent(events, "latch-record-unreadable"));
                running.KeepLatchedFaults();
                Assert.AreEqual("latched faults\n0 hardShort\n1 unknown\nend 2\n", devices.LatchRecords.Text);
            }
            finally
            {
                running.Dispose();
            }
        }

        [TestMethod]
        public void ACellFaultOnAModuleHeldForAMissedTickIsStoredAndAStoredMissedTickKeepsItsLine()
        {
            // Module 0 restored for a missed tick a former firmware stored; module 1 held for a missed tick of this boot
            // (20 periods without a tick), then its cells go over the board's 3000 mV limit.
            FakeBootDevices devices = Devices(AutoStart, "latched faults\n0 tickMissed\nend 1\n");
            RunningFirmware running = Boot(devices);
            try
            {
                EdgeController controller = running.Controller;
                HealthyTick.Run(controller, 0);
                HealthyTick.Run(controller, 20);
                Assert.AreEqual((int)DiagnosisId.TickMissed, (int)controller.Diagnosis.LatchCause(1));
                running.KeepLatchedFaults();
                Assert.AreEqual(0, devices.LatchRecords.SaveAttempts, "the missed tick of this boot is not stored");

                for (int i = 21; i < 25; i++)
                {
                    OvervoltageTick(controller, i);
                }

                Assert.AreEqual((int)DiagnosisId.CellOvervoltage, (int)controller.Diagnosis.LatchCause(1));
                running.KeepLatchedFaults();
                Assert.AreEqual("latched faults\n0 tickMissed\n1 cellOvervoltage\nend 2\n", devices.LatchRecords.Text);
            }
            finally
            {
                running.Dispose();
            }
        }

        [TestMethod]
        public void AResetLoopOnAFaultThatComesStraightBackDoesNotRewriteTheRecord()
        {
            // Without auto_start: the modules wait in idle, and only module 1's cells latch anything.
            FakeBootDevices devices = Devices("device_id = pack-7\nboard = esp32-devkitc-4s2m\n", null);
            RunningFirmware running = Boot(devices);
            try
            {
                EdgeController controller = running.Controller;
                int tick = 0;
                for (int cycle = 0; cycle < 5; cycle++)
                {
                    if (cycle > 0)
                    {
                        controller.RequestFaultReset(1);
                    }

                    // The overvoltage's debounce of 2 readings latches it again before the next store.
                    for (int i = 0; i < 4; i++)
                    {
                        OvervoltageTick(controller, tick++);
                    }

                    running.KeepLatchedFaults();
                }

                Assert.AreEqual("latched faults\n1 cellOvervoltage\nend 1\n", devices.LatchRecords.Text);
                Assert.AreEqual(1, devices.LatchRecords.SaveAttempts, "the same text was written again at every reset");
            }
            finally
            {
                running.Dispose();
            }
        }

        [TestMethod]
        public void AFailedStoreIsReportedAndTriedAgain()
        {
            FakeBootDevices devices = Devices(AutoStart, null);
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                running.Controller.RestoreLatchedFault(0);
                HealthyTick.Run(running.Controller, 0);
                devices.LatchRecords.SaveFailure = "flash full";
                running.KeepLatchedFaults();
                Assert.IsTrue(HasEvent(events, "latch-record-failed"));

                // Tried again after ten calls (about 1 s), not at every one, and reported once.
                for (int i = 0; i < 10; i++)
                {
                    running.KeepLatchedFaults();
                }

                Assert.AreEqual(1, devices.LatchRecords.SaveAttempts);
                running.KeepLatchedFaults();
                Assert.AreEqual(2, devices.LatchRecords.SaveAttempts);
                Assert.IsFalse(HasEvent(events, "latch-record-failed"), "reported twice");
                Assert.IsNull(devices.LatchRecords.Text);

                // A change of the latched set is tried at once.
                devices.LatchRecords.SaveFailure = null;
                running.Controller.RestoreLatchedFault(1);
                HealthyTick.Run(running.Controller, 1);
                running.KeepLatchedFaults();
                Assert.AreEqual("latched faults\n0 unknown\n1 unknown\nend 2\n", devices.LatchRecords.Text);

                // Stored: nothing is written again until the latched set changes.
                running.KeepLatchedFaults();
                Assert.AreEqual(3, devices.LatchRecords.SaveAttempts);
            }
            finally
            {
                running.Dispose();
            }
        }

        // A healthy tick but for module 1's cells at 3600 mV, over the DevKitC board's 3000 mV limit.
        private static void OvervoltageTick(EdgeController controller, int index)
        {
            SampleFrame frame = new SampleFrame(controller.Layout);
            frame.TickIndex = index;
            frame.TimestampMs = index * 10;
            for (int c = 0; c < frame.CellVoltageMv.Length; c++)
            {
                frame.CellVoltageMv[c] = controller.Layout.ModuleOf(c) == 1 ? 3600 : 100;
            }

            for (int t = 0; t < frame.TemperatureDeciCelsius.Length; t++)
            {
                frame.TemperatureDeciCelsius[t] = 250;
            }

            controller.Tick(frame, new ActionFrame(controller.Layout));
        }

        private static FakeBootDevices Devices(string settings, string record)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = settings;
            devices.LatchRecords.Text = record;
            return devices;
        }

        private static RunningFirmware Boot(FakeBootDevices devices)
        {
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            Assert.IsNotNull(running);
            return running;
        }

        private static bool HasEvent(DeviceEventLog events, string code)
        {
            while (events.Count > 0)
            {
                bool found = events.Peek().Code == code;
                events.RemoveOldest();
                if (found)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
