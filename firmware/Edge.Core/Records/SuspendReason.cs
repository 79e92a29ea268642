// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>Why the controller was suspended: the value of the <see cref="EventKind.Suspended"/> event.</summary>
    public enum SuspendReason : byte
    {
        /// <summary>
        /// The device connects to its broker with a call that stops the whole runtime until it returns (a name lookup, a
        /// TLS handshake): no tick can run meanwhile, so no switch may be closed.
        /// </summary>
        NetworkConnect = 1,
    }
}
