// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Sampling;

namespace Edge.Core.Actuation
{
    /// <summary>
    /// The controller's answer to one tick: per module, whether its load switch is closed and the
    /// current it should carry. Allocated once; rewritten completely every tick.
    /// </summary>
    /// <remarks>
    /// Fields, not properties: every stage reads them every tick, and on the device each property access is an
    /// interpreted call (the JIT inlines them on .NET, the device's interpreter does not).
    /// </remarks>
    [HotPath]
    public sealed class ActionFrame
    {
        public ActionFrame(PackLayout layout)
        {
            SwitchClosed = new bool[layout.ModuleCount];
            CurrentSetpointUa = new int[layout.ModuleCount];
        }

        /// <summary>True closes the module's load switch. A latched fault always leaves it false.</summary>
        public readonly bool[] SwitchClosed;

        /// <summary>Current the module's source or load should regulate to, microamperes, positive = stripping; 0 when open.</summary>
        public readonly int[] CurrentSetpointUa;
    }
}
