// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>Bounds on command payloads: anything larger is rejected before it is parsed.</summary>
    public sealed class CommandLimits
    {
        /// <summary>Largest payload (bytes). Default 2048: a 32-step protocol of 40-character steps fits with room.</summary>
        public int MaximumPayloadBytes { get; set; } = 2048;

        /// <summary>Longest string value or field name (characters).</summary>
        public int MaximumStringChars { get; set; } = 128;

        /// <summary>Most fields in one body (setProtocol has the most: 13).</summary>
        public int MaximumFields { get; set; } = 16;

        /// <summary>Most items in an array (protocol steps).</summary>
        public int MaximumArrayItems { get; set; } = 32;

        /// <summary>Longest request id (characters).</summary>
        public int MaximumIdChars { get; set; } = 64;

        /// <summary>
        /// Commands whose ids and replies are remembered, so a repeat is answered and not executed again.
        /// Default 64: several minutes of an operator's commands, and more than a QoS 1 redelivery after a
        /// reconnect can bring back. Kept for the whole run (across reconnects), not across a reboot.
        /// </summary>
        public int ReplayWindow { get; set; } = 64;
    }
}
