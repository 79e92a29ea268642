// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Actuation
{
    /// <summary>
    /// What the host writes to the hardware enable's feed pin (<see cref="HardwareEnableDefinition"/>):
    /// the level toggles once per healthy tick, so the retriggerable monostable keeps the gate drivers
    /// enabled only while ticks keep completing. A tick that overran its period does not feed; neither
    /// does a tick that never completes (an exception, a hung runtime, a debugger break), and the gate
    /// drive then falls after the board's timeout whatever the switch outputs still hold.
    /// No allocation; called from the tick thread only.
    /// </summary>
    [HotPath]
    public sealed class HardwareEnableFeed
    {
        private bool _level;

        /// <summary>The level the feed pin should carry now.</summary>
        public bool Level
        {
            get { return _level; }
        }

        /// <summary>Healthy ticks that fed the line since start.</summary>
        public int FeedCount { get; private set; }

        /// <summary>
        /// Called at the end of a tick that ran to completion; returns the level to write. Toggles only
        /// when the tick ran within its period (<paramref name="executionUs"/> &lt;= <paramref name="periodUs"/>).
        /// </summary>
        public bool OnTickCompleted(int executionUs, int periodUs)
        {
            if (executionUs <= periodUs)
            {
                _level = !_level;
                FeedCount++;
            }

            return _level;
        }
    }
}
