// Licensed under the MIT License.

namespace Edge.Firmware.Diagnostics
{
    /// <summary>
    /// A second place every device event line goes (the operator's serial console). Called on the
    /// reporting thread, which may be the sampling thread: an implementation only queues the line.
    /// </summary>
    public interface IEventEcho
    {
        /// <summary>Takes <paramref name="line"/> ("code: message") for later output; never blocks on I/O.</summary>
        void Post(string line);
    }
}
