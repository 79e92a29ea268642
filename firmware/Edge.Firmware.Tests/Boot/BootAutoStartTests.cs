// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Records;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest.Boot
{
    /// <summary>
    /// Nothing resumes pulsing after a reset that nobody has looked at: a device boots with its modules waiting for an
    /// operator's start; only auto_start = true starts them at the first tick.
    /// </summary>
    [TestClass]
    public class BootAutoStartTests
    {
        [TestMethod]
        public void ModulesWaitForAStartUnlessTheSettingsAskForAutoStart()
        {
            Assert.AreEqual((int)ModuleState.Idle, (int)StateAfterFirstTick("device_id = pack-7\nboard = esp32-devkitc-4s2m\n"), "default settings started the modules at boot");
            Assert.AreEqual((int)ModuleState.Pulse, (int)StateAfterFirstTick("device_id = pack-7\nboard = esp32-devkitc-4s2m\nauto_start = true\n"), "auto_start = true did not start them");
        }

        /// <summary>Module 0's state after the booted controller's first tick on a healthy, calibrated frame.</summary>
        private static ModuleState StateAfterFirstTick(string settings)
        {
            FakeBootDevices devices = new FakeBootDevices(FakeBootDevices.NoFailure);
            devices.SettingsText = settings;
            RunningFirmware running = new BootSupervisor(devices, new DeviceEventLog(), new FakeBootDelay()).Run(1);
            try
            {
                Assert.IsNotNull(running);
                EdgeController controller = running.Controller;
                HealthyTick.Run(controller, 0);
                return controller.Module(0).State;
            }
            finally
            {
                if (running != null)
                {
                    running.Dispose();
                }
            }
        }
    }
}
