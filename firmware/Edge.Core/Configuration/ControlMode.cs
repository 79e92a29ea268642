// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>Whether detector findings change what the controller does.</summary>
    public enum ControlMode : byte
    {
        /// <summary>Detectors only report; safety faults still isolate.</summary>
        Observe = 0,

        /// <summary>Depletion warnings lengthen rests or lower current, faults stop; soft shorts isolate.</summary>
        Act = 1,
    }
}
