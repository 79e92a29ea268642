// Licensed under the MIT License.

using System;

namespace Edge.Core.DeviceEvents
{
    /// <summary>One application event: a stable code, a human-readable message and the UTC time it happened.</summary>
    public sealed class DeviceEvent
    {
        /// <summary>Creates event number <paramref name="seq"/> of this boot.</summary>
        public DeviceEvent(string code, string message, DateTime timeUtc, long seq)
        {
            Code = code;
            Message = message;
            TimeUtc = timeUtc;
            Seq = seq;
        }

        /// <summary>Stable machine-readable name, e.g. "board-error".</summary>
        public string Code { get; }

        /// <summary>Details for a person.</summary>
        public string Message { get; }

        /// <summary>
        /// When it was reported (before SNTP has set the clock this is a time in 1970/2000, not the real one, and the
        /// published event says its time is unknown: <see cref="UtcTimeText"/>).
        /// </summary>
        public DateTime TimeUtc { get; }

        /// <summary>
        /// Its number in this boot (from 1, one per event reported): sent with it every time, so that a consumer can tell
        /// a redelivery (the same boot id and seq) from a new event with the same text. 64-bit: a network pass that throws
        /// every time reports an event every 50 ms, 2^31 of them in 3.4 years, where an int turned negative.
        /// </summary>
        public long Seq { get; }

        /// <summary>
        /// Where its publish stands, under the log's lock: <see cref="DeviceEventQueue.Unsent"/>,
        /// <see cref="DeviceEventQueue.Sending"/>, or the client's packet id while the broker's PUBACK is awaited.
        /// </summary>
        internal int MessageId { get; set; }
    }
}
