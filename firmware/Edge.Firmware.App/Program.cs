// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core.Configuration;
using Edge.Firmware.Boot;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.App
{
    /// <summary>
    /// The Edge controller application on an ESP32: boots the device services of the Edge.Firmware
    /// library under supervision (<see cref="BootSupervisor"/>: switches open first, every step
    /// guarded, retried with back-off) and then keeps the status LED in step with the modules and the
    /// latched faults stored in flash.
    /// Main never ends with an exception, and never ends at all: returning would stop nanoCLR's
    /// application, and with it the threads that hold the switches and the network.
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// How often the main thread refreshes the status LED from the module states and stores changed latched faults,
        /// ms: a latch reaches flash about this long, plus one store's duration, after it sets (if the store succeeds).
        /// </summary>
        private const int MaintenancePeriodMs = 100;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
            try
            {
                Console.WriteLine("Edge controller starting, firmware " + FirmwareVersion.Text);
                BootSupervisor supervisor = new BootSupervisor(new Esp32BootDevices(), new DeviceEventLog(), new ThreadSleepDelay());
                RunningFirmware running = supervisor.RunUntilStarted();
                while (running != null)
                {
                    Thread.Sleep(MaintenancePeriodMs);
                    running.KeepLatchedFaults();
                    running.RefreshStatusLed();
                }
            }
            catch (Exception ex)
            {
                // Only reachable through a fault of the supervision itself: every switch was opened by
                // the step that failed, and the watchdog, if it runs, keeps guarding the loop.
                Console.WriteLine("Edge controller main thread stopped: " + ex.Message);
            }

            Thread.Sleep(Timeout.Infinite);
        }
    }
}
