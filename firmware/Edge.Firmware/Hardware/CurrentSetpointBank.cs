// Licensed under the MIT License.

using System;
using Edge.Core.Actuation;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// The modules' current-setpoint outputs as one unit. Each tick, before the switches, the sampling loop hands
    /// it the <see cref="ActionFrame"/>: a closed module gets the code of its setpoint (rounded down,
    /// <see cref="CurrentSetpointTransfer"/>), an open one code 0, and an output is written only when its code
    /// changes. A module whose board declares a setpoint output that did not open is undriven: its current would
    /// be whatever its floating net sets, so its switch is held open in the frame, whatever the controller asks.
    /// Modules without a setpoint output (<c>setpoint = none</c>) are left alone.
    /// </summary>
    /// <remarks>
    /// Owns nothing it disposes: the outputs belong to the boot. Used by the sampling thread, except
    /// <see cref="LatchAtZero"/>, which the watchdog calls from its own: a tick that chose a code before the latch
    /// writes 0 after its write, so the latch's zero always stands.
    /// </remarks>
    public sealed class CurrentSetpointBank
    {
        private readonly ISetpointOutput[] _outputs;
        private readonly CurrentSetpointTransfer[] _transfers;
        private readonly bool[] _undriven;
        private readonly int[] _codes;
        private bool _latchedAtZero;

        /// <summary>
        /// Takes one output per module of <paramref name="board"/> (null where the module has none or where it did
        /// not open) and writes code 0 to every output there is.
        /// </summary>
        public CurrentSetpointBank(BoardDefinition board, ISetpointOutput[] outputs)
        {
            if (board == null)
            {
                throw new ArgumentNullException(nameof(board));
            }

            if (outputs == null || outputs.Length != board.ModuleCount)
            {
                throw new ArgumentException("one output (or null) per module", nameof(outputs));
            }

            _outputs = outputs;
            _transfers = new CurrentSetpointTransfer[outputs.Length];
            _undriven = new bool[outputs.Length];
            _codes = new int[outputs.Length];
            for (int m = 0; m < outputs.Length; m++)
            {
                _transfers[m] = CurrentSetpointTransfer.For(board.ModuleAt(m));
                _undriven[m] = _transfers[m].IsDriven && outputs[m] == null;
                if (outputs[m] != null)
                {
                    outputs[m].WriteCode(0);
                }
            }
        }

        /// <summary>Number of modules.</summary>
        public int Count
        {
            get { return _outputs.Length; }
        }

        /// <summary>True when module <paramref name="module"/> declares a setpoint output that did not open: its switch is held open.</summary>
        public bool IsUndriven(int module)
        {
            return _undriven[module];
        }

        /// <summary>Code last written to module <paramref name="module"/>'s output (0 without one).</summary>
        public int CodeOf(int module)
        {
            return _codes[module];
        }

        /// <summary>
        /// Writes each module's code for <paramref name="actions"/> (before the switches are applied) and clears
        /// <see cref="ActionFrame.SwitchClosed"/> of every undriven module.
        /// </summary>
        [HotPath]
        public void Apply(ActionFrame actions)
        {
            for (int m = 0; m < _outputs.Length; m++)
            {
                if (_undriven[m])
                {
                    actions.SwitchClosed[m] = false;
                    continue;
                }

                ISetpointOutput output = _outputs[m];
                if (output == null)
                {
                    continue;
                }

                int code = actions.SwitchClosed[m] && !_latchedAtZero ? _transfers[m].CodeFor(actions.CurrentSetpointUa[m]) : 0;
                if (code != _codes[m])
                {
                    output.WriteCode(code);
                    _codes[m] = code;
                }

                if (code != 0 && _latchedAtZero)
                {
                    // The watchdog latched from its own thread after this code was chosen: its zero may have landed
                    // before the code did. Checked again after the write, not locked: the watchdog must never wait
                    // for the thread it watches.
                    output.WriteCode(0);
                    _codes[m] = 0;
                }
            }
        }

        /// <summary>True once <see cref="LatchAtZero"/> ran: every output stays at code 0 until reboot.</summary>
        public bool IsLatchedAtZero
        {
            get { return _latchedAtZero; }
        }

        /// <summary>
        /// Writes code 0 to every output and keeps it there, whatever later ticks ask (the watchdog's trip: the
        /// switches are latched open too, so no current stage is left holding a setpoint); never throws.
        /// </summary>
        public void LatchAtZero()
        {
            _latchedAtZero = true;
            ZeroAll();
        }

        /// <summary>Writes code 0 to every output, changed or not (a failed tick, the loop stopping); never throws.</summary>
        [HotPath]
        public void ZeroAll()
        {
            for (int m = 0; m < _outputs.Length; m++)
            {
                if (_outputs[m] == null)
                {
                    continue;
                }

                try
                {
                    _outputs[m].WriteCode(0);
                    _codes[m] = 0;
                }
                catch (Exception)
                {
                    // One output that cannot be written must not keep the others up; the switches are already open.
                }
            }
        }
    }
}
