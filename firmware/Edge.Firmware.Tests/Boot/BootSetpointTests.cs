// Licensed under the MIT License.

using Edge.Core.DeviceEvents;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// The boot's setpoint step on the DevKitC board (a DAC setpoint per module): each output opens at code 0 and
    /// reaches the control loop; one that does not open leaves its module undriven, its switch held open, and a
    /// "setpoint-error" device event naming the module, the output and the exception, while the rest boots.
    /// </summary>
    [TestClass]
    public class BootSetpointTests
    {
        [TestMethod]
        public void EveryDeclaredSetpointOpensAtZeroAndReachesTheLoop()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                Assert.AreEqual(2, devices.SetpointOutputs.Count);
                Assert.AreEqual(0, ((FakeSetpointOutput)devices.SetpointOutputs[0]).Code);
                Assert.AreEqual(0, ((FakeSetpointOutput)devices.SetpointOutputs[1]).Code);
                Assert.IsNotNull(running.Loop.Setpoints);
                Assert.IsFalse(running.Loop.Setpoints.IsUndriven(0));
                Assert.IsFalse(running.Loop.Setpoints.IsUndriven(1));
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }

        [TestMethod]
        public void ASetpointThatDoesNotOpenKeepsItsModuleOpenAndSaysWhy()
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.FailingSetpointModule = 1;
            DeviceEventLog events = new DeviceEventLog();
            RunningFirmware running = new BootSupervisor(devices, events, new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running, "the rest of the board boots");
                Assert.IsFalse(running.Loop.Setpoints.IsUndriven(0));
                Assert.IsTrue(running.Loop.Setpoints.IsUndriven(1), "module 1 undriven: its switch is held open");
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }

            DeviceEvent found = null;
            while (events.Peek() != null)
            {
                DeviceEvent next = events.Peek();
                events.RemoveOldest();
                if (next.Code == "setpoint-error")
                {
                    Assert.IsNull(found, "one event");
                    found = next;
                }
            }

            Assert.IsNotNull(found);
            Assert.AreEqual("module 1: DAC setpoint on GPIO 26 did not open (fake DAC channel failure); the module's switch stays open", found.Message);
        }
    }
}
