// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// A quiet window for a call that stops the whole runtime (nanoCLR runs every managed thread on one native task, and
    /// a blocking native call holds it): the control loop opens every switch before it and expects the gap.
    /// </summary>
    public interface IControlPause
    {
        /// <summary>Why the last <see cref="Enter"/> failed, or null.</summary>
        string LastError { get; }

        /// <summary>
        /// Asks for the window and waits until it is in force (every switch open); false, with <see cref="LastError"/>,
        /// when it was not granted in time: the blocking call must not be made then.
        /// </summary>
        bool Enter();

        /// <summary>Ends the window (after the blocking call returned, whether it succeeded or not).</summary>
        void Leave();
    }
}
