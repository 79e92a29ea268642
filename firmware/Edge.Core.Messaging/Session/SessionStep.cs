// Licensed under the MIT License.

namespace Edge.Core.Session
{
    /// <summary>What one <see cref="DeviceSession.Service"/> pass did, so the network thread knows whether to sleep and what to log.</summary>
    public enum SessionStep : byte
    {
        /// <summary>Online, nothing to send: the thread may sleep a little.</summary>
        Idle = 0,

        /// <summary>Online and something went out (commands answered, config, outbox): call again soon.</summary>
        Sent = 1,

        /// <summary>Offline, waiting for the back-off (or a suspension) to pass.</summary>
        Waiting = 2,

        /// <summary>A session was opened in this pass.</summary>
        Opened = 3,

        /// <summary>An attempt failed in this pass; <see cref="DeviceSession.LastOutcome"/> and <see cref="DeviceSession.LastError"/> say why.</summary>
        OpenFailed = 4,

        /// <summary>An open session was found broken in this pass.</summary>
        Lost = 5,
    }
}
