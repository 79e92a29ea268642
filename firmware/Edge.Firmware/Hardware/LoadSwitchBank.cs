// Licensed under the MIT License.

using System;
using Edge.Core.Actuation;
using Edge.Core.Annotations;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// The module load switches as one unit. The sampling thread applies each tick's
    /// <see cref="ActionFrame"/>; the watchdog may open everything from its own thread and latch the
    /// bank open, after which no action frame can close a switch again until reboot.
    /// </summary>
    /// <remarks>
    /// The latch takes no lock: the watchdog trips exactly when the sampling thread is stuck, perhaps inside a
    /// switch driver, and must not wait for it. A tick that closes a switch while the latch comes in checks the
    /// latch again after its write and opens the switch itself, so the latch's open always stands.
    /// </remarks>
    /// <remarks>Owns nothing it disposes: the switches belong to the application.</remarks>
    [HotPath]
    public sealed class LoadSwitchBank
    {
        private readonly ILoadSwitch[] _switches;
        private readonly bool[] _closed;
        private bool _latchedOpen;

        /// <summary>Takes the switches in module order and opens them all.</summary>
        public LoadSwitchBank(ILoadSwitch[] switches)
        {
            if (switches == null)
            {
                throw new ArgumentNullException(nameof(switches));
            }

            _switches = switches;
            _closed = new bool[switches.Length];
            for (int m = 0; m < switches.Length; m++)
            {
                switches[m].SetClosed(false);
            }
        }

        /// <summary>Number of switches (one per module).</summary>
        public int Count
        {
            get { return _switches.Length; }
        }

        /// <summary>True once <see cref="LatchOpen"/> ran.</summary>
        public bool IsLatchedOpen
        {
            get { return _latchedOpen; }
        }

        /// <summary>State the bank last commanded for module <paramref name="module"/>.</summary>
        public bool IsClosed(int module)
        {
            return _closed[module];
        }

        /// <summary>Drives every switch to the state <paramref name="actions"/> asks for; pins are written only on change.</summary>
        public void Apply(ActionFrame actions)
        {
            for (int m = 0; m < _switches.Length; m++)
            {
                bool closed = actions.SwitchClosed[m] && !_latchedOpen;
                if (closed != _closed[m])
                {
                    _switches[m].SetClosed(closed);
                    _closed[m] = closed;
                    if (closed && _latchedOpen)
                    {
                        // The latch came in from the watchdog's thread between the check and the write: its open may
                        // have landed before this close did.
                        _switches[m].SetClosed(false);
                        _closed[m] = false;
                    }
                }
            }
        }

        /// <summary>
        /// Opens every switch and keeps them open until reboot. A driver that throws does not stop the others, nor
        /// this call (it runs on fault paths that must still report): returns how many switches did not take the
        /// command, 0 when all did.
        /// </summary>
        public int LatchOpen()
        {
            _latchedOpen = true;
            int failed = 0;
            for (int m = 0; m < _switches.Length; m++)
            {
                try
                {
                    _switches[m].SetClosed(false);
                    _closed[m] = false;
                }
                catch (Exception)
                {
                    failed++;
                }
            }

            return failed;
        }
    }
}
