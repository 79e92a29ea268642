// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Firmware.Hardware;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using Edge.Firmware.Sampling;
using Edge.Firmware.Watchdog;

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// What a successful boot started: the control loop and its watchdog (absent when the board is
    /// unusable), the network session (absent without a broker) and the status LED.
    /// </summary>
    public sealed class RunningFirmware : IDisposable
    {
        internal RunningFirmware(EdgeController controller, LoadSwitchBank switches, IStatusLed led, SamplingLoop loop, SamplingWatchdog watchdog, MqttSession session)
        {
            Controller = controller;
            Switches = switches;
            Led = led;
            Loop = loop;
            Watchdog = watchdog;
            Session = session;
        }

        /// <summary>The controller the loop ticks, or null when the board was unusable.</summary>
        public EdgeController Controller { get; }

        /// <summary>The module switches, or null when the board was unusable (no pin touched).</summary>
        public LoadSwitchBank Switches { get; }

        /// <summary>The status LED, or null.</summary>
        public IStatusLed Led { get; }

        /// <summary>The running control loop, or null.</summary>
        public SamplingLoop Loop { get; }

        /// <summary>The watchdog of the loop, or null.</summary>
        public SamplingWatchdog Watchdog { get; }

        /// <summary>The network thread, or null without a broker.</summary>
        public MqttSession Session { get; }

        /// <summary>Stores the controller's latched faults across resets, or null when the board was unusable.</summary>
        public LatchedFaultKeeper LatchedFaults { get; internal set; }

        /// <summary>
        /// Stores the latched faults when they changed (main thread, after each short wait); never throws: a store that
        /// fails is reported by the keeper and tried again after its back-off.
        /// </summary>
        public void KeepLatchedFaults()
        {
            if (LatchedFaults == null)
            {
                return;
            }

            try
            {
                LatchedFaults.SaveIfChanged();
            }
            catch (Exception)
            {
                // The store reports its own failures; whatever else went wrong, the next call tries again.
            }
        }

        /// <summary>Keeps the LED's module-fault overlay in step with the modules (main thread); never throws.</summary>
        public void RefreshStatusLed()
        {
            if (Controller == null || Led == null)
            {
                return;
            }

            try
            {
                bool anyFault = false;
                for (int m = 0; m < Controller.Layout.ModuleCount; m++)
                {
                    if (Controller.Diagnosis.HasLatchedFault(m))
                    {
                        anyFault = true;
                    }
                }

                Led.ModuleFault = anyFault;
            }
            catch (Exception)
            {
                // The LED only shows; it must never take anything down with it.
            }
        }

        /// <summary>Stops the loop (every switch open), the watchdog and the network thread.</summary>
        public void Dispose()
        {
            if (Loop != null)
            {
                Loop.Dispose();
            }

            if (Watchdog != null)
            {
                Watchdog.Dispose();
            }

            if (Session != null)
            {
                Session.Stop();
            }

            if (Switches != null)
            {
                Switches.LatchOpen();
            }
        }
    }
}
