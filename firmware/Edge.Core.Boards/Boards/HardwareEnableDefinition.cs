// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// The board's hardware enable (<c>[enable]</c>): a retriggerable monostable or external watchdog
    /// whose output gates every gate driver and current stage. The firmware toggles
    /// <see cref="FeedPin"/> once per healthy tick; when the toggling stops (a hung runtime, a
    /// debugger break, a soft reboot) the gate drive falls after <see cref="TimeoutMs"/>, whatever
    /// the GPIO and LEDC outputs still hold.
    /// </summary>
    public sealed class HardwareEnableDefinition
    {
        public HardwareEnableDefinition(int feedPin, int timeoutMs)
        {
            FeedPin = feedPin;
            TimeoutMs = timeoutMs;
        }

        /// <summary>GPIO toggled once per healthy tick, or <see cref="AnalogInputDefinition.None"/> on a virtual board.</summary>
        public int FeedPin { get; }

        /// <summary>How long the gate drive stays enabled after the last edge, ms.</summary>
        public int TimeoutMs { get; }
    }
}
