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
    /// not; a record that does not read holds every module; a latch and a fault reset are stored from the main thread.
    /// </summary>
    [TestClass]
    public class BootLatchedFaultTests
    {
        private const string AutoStart = "device_id = pack-7\nauto_start = true\n";

        [TestMethod]
        public void AStoredLatchHoldsItsModuleAfterTheResetEvenWithAutoStart()
        {
            FakeBootDevices devices = Devices(AutoStart, "1 hardShort\n");
            RunningFirmware running = Boot(devices);
            try
            {
                EdgeController controller = running.Controller;
                ActionFrame actions = Tick(controller, 0);
                Assert.AreEqual((int)ModuleState.Pulse, (int)controller.Module(0).State, "module 0 holds nothing");
                Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(1).State, "module 1 not held");
                Assert.AreEqual((int)StopReason.HardShort, (int)controller.Module(1).StopReason);
                Assert.IsFalse(actions.SwitchClosed[1], "switch 1 closed");

                // The record is stored again as it was; a fault reset stores a record without the module.
                running.KeepLatchedFaults();
                Assert.AreEqual("1 hardShort\n", devices.LatchRecords.Text);
                controller.RequestFaultReset(1);
                Tick(controller, 1);
                running.KeepLatchedFaults();
                Assert.AreEqual(string.Empty, devices.LatchRecords.Text);
            }
            finally
            {
                running.Dispose();
            }
        }

        [TestMethod]
        public void AnUnreadableRecordHoldsEveryModule()
        {
            string[] records = new string[] { "1 noSuchRow\n", "7 hardShort\n", "x\n" };
            for (int r = 0; r < records.Length; r++)
            {
                FakeBootDevices devices = Devices(AutoStart, records[r]);
                DeviceEventLog events = new DeviceEventLog();
                RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
                try
                {
                    EdgeController controller = running.Controller;
                    Tick(controller, 0);
                    for (int m = 0; m < controller.Layout.ModuleCount; m++)
                    {
                        Assert.AreEqual((int)ModuleState.Hold, (int)controller.Module(m).State, records[r]);
                    }

                    Assert.IsTrue(HasEvent(events, "latch-record-unreadable"), records[r]);
                }
                finally
                {
                    running.Dispose();
                }
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
                Tick(running.Controller, 0);
                devices.LatchRecords.SaveFailure = "flash full";
                running.KeepLatchedFaults();
                running.KeepLatchedFaults();
                Assert.AreEqual(2, devices.LatchRecords.SaveAttempts);
                Assert.IsTrue(HasEvent(events, "latch-record-failed"));
                Assert.IsFalse(HasEvent(events, "latch-record-failed"), "reported twice");
                Assert.IsNull(devices.LatchRecords.Text);
                devices.LatchRecords.SaveFailure = null;
                running.KeepLatchedFaults();
                Assert.AreEqual("0 unknown\n", devices.LatchRecords.Text);

                // Stored: nothing is written again until the latched set changes (flash wear).
                running.KeepLatchedFaults();
                Assert.AreEqual(3, devices.LatchRecords.SaveAttempts);
            }
            finally
            {
                running.Dispose();
            }
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

        /// <summary>Tick <paramref name="index"/> of the booted controller on a healthy, calibrated frame; its actions.</summary>
        private static ActionFrame Tick(EdgeController controller, int index)
        {
            SampleFrame frame = new SampleFrame(controller.Layout);
            frame.TickIndex = index;
            frame.TimestampMs = index * 10;
            for (int c = 0; c < frame.CellVoltageMv.Length; c++)
            {
                frame.CellVoltageMv[c] = 100;
            }

            for (int t = 0; t < frame.TemperatureDeciCelsius.Length; t++)
            {
                frame.TemperatureDeciCelsius[t] = 250;
            }

            ActionFrame actions = new ActionFrame(controller.Layout);
            controller.Tick(frame, actions);
            return actions;
        }
    }
}
