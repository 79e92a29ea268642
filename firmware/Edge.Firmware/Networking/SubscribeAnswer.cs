// Licensed under the MIT License.

using System.Threading;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The broker's answer (SUBACK) to one subscription: awaited by the network thread, given by the client's. No answer
    /// in time (a slow or broken link) and a refusal (the broker's ACL) need different fixes, so they read differently.
    /// </summary>
    public sealed class SubscribeAnswer
    {
        private readonly AutoResetEvent _answered = new AutoResetEvent(false);
        private bool _granted;

        /// <summary>A subscription is about to be sent: any earlier answer is forgotten.</summary>
        public void Expect()
        {
            _granted = false;
            _answered.Reset();
        }

        /// <summary>The SUBACK came (the client's thread): <paramref name="granted"/> unless its code was a failure.</summary>
        public void Answered(bool granted)
        {
            _granted = granted;
            _answered.Set();
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> for the answer: null when granted, else why not, naming
        /// <paramref name="topicFilter"/>.
        /// </summary>
        public string Await(string topicFilter, int timeoutMs)
        {
            if (!_answered.WaitOne(timeoutMs, false))
            {
                return "no SUBACK for " + topicFilter + " within " + timeoutMs.ToString() + " ms";
            }

            return _granted ? null : "broker refused the subscription to " + topicFilter + " (ACL)";
        }
    }
}
