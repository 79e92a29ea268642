// Licensed under the MIT License.

using Edge.Firmware.Networking;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// A broker network as the test says: the name's answer and whether anything answers on the broker's port. Writes
    /// each call to the pause's log, and counts the calls made while the quiet window was (or was not) in force.
    /// </summary>
    internal sealed class FakeBrokerProbe : IBrokerProbe
    {
        private readonly FakeControlPause _pause;

        public FakeBrokerProbe(FakeControlPause pause)
        {
            _pause = pause;
        }

        /// <summary>The lookup's answer (null: the name is not found).</summary>
        public string Answer { get; set; } = "192.168.1.20";

        /// <summary>Whether the broker's port answers a TCP connect.</summary>
        public bool Reachable { get; set; }

        /// <summary>Lookups made outside a quiet window (the lookup stops the runtime: must stay 0).</summary>
        public int LookUpsOutsideWindow { get; private set; }

        /// <summary>TCP probes made inside a quiet window (the probe does not stop the runtime: must stay 0).</summary>
        public int ReachesInsideWindow { get; private set; }

        /// <summary>TCP probes made.</summary>
        public int ReachCount { get; private set; }

        /// <summary>The last probe's address, port and timeout.</summary>
        public string LastReach { get; private set; }

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public string LookUp(string host)
        {
            _pause.Log += "lookup ";
            if (!_pause.InForce)
            {
                LookUpsOutsideWindow++;
            }

            LastError = Answer == null ? "broker name " + host + " not found" : null;
            return Answer;
        }

        /// <inheritdoc />
        public bool TryReach(string address, int port, int timeoutMs)
        {
            _pause.Log += "reach ";
            ReachCount++;
            if (_pause.InForce)
            {
                ReachesInsideWindow++;
            }

            LastReach = address + ":" + port.ToString() + " within " + timeoutMs.ToString() + " ms";
            LastError = Reachable ? null : "TCP connection failed: socket error 10060";
            return Reachable;
        }
    }
}
