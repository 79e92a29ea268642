// Licensed under the MIT License.

using System.Diagnostics;
using Edge.HostSim.Mqtt.Native;

namespace Edge.HostSim.Mqtt
{
    /// <summary>The client's network thread: connect, run libmosquitto, reconnect with back-off, stop.</summary>
    public sealed partial class MosquittoClient
    {
        private void RunNetworkLoop()
        {
            Stopwatch attemptAge = new Stopwatch();
            Stopwatch stopAge = new Stopwatch();
            bool disconnectSent = false;
            bool firstAttempt = true;
            while (true)
            {
                int socket = MosquittoNative.Socket(_handle);
                if (_stopRequested.IsSet)
                {
                    if (socket < 0 || (stopAge.IsRunning && stopAge.ElapsedMilliseconds > DisconnectFlushMs))
                    {
                        return;
                    }

                    if (!disconnectSent)
                    {
                        // A connection may have come up after Dispose's own DISCONNECT; close it cleanly too.
                        MosquittoNative.Disconnect(_handle);
                        disconnectSent = true;
                        stopAge.Start();
                    }
                }
                else if (socket < 0)
                {
                    if (!StartConnectAttempt(firstAttempt))
                    {
                        return;
                    }

                    firstAttempt = false;
                    attemptAge.Restart();
                    continue;
                }
                else if (!_isConnected && attemptAge.ElapsedMilliseconds > _options.ConnectTimeoutMs)
                {
                    // No CONNACK in time (unreachable host, stalled TLS): give up on this socket; the
                    // loop below sees the error, closes it and the next pass retries.
                    LibC.Shutdown(socket, LibC.ShutReadWrite);
                }

                int rc = MosquittoNative.Loop(_handle, LoopTimeoutMs, 1);
                if (rc != 0 && MosquittoNative.Socket(_handle) >= 0)
                {
                    // Errors normally close the socket; should one not, avoid spinning on it.
                    _stopRequested.Wait(10);
                }
            }
        }

        /// <summary>Waits out the back-off, then issues a non-blocking connect; false when stopped meanwhile.</summary>
        private bool StartConnectAttempt(bool firstAttempt)
        {
            while (true)
            {
                // The very first connect goes out at once; after a loss even the first retry waits the
                // minimum delay, so two clients fighting over one client id cannot spin.
                int delayMs = firstAttempt ? 0 : _backoff.DelayMs(_failedAttempts + 1);
                firstAttempt = false;
                if (delayMs > 0 && _stopRequested.Wait(delayMs))
                {
                    return false;
                }

                // Counted as failed until a CONNACK resets it (HandleConnect), so every later attempt waits longer.
                _failedAttempts++;

                // connect_async resolves the host name (blocking, on this thread) and starts a
                // non-blocking TCP connect; 0 = connected, -1 (MOSQ_ERR_CONN_PENDING) = in progress.
                int rc = MosquittoNative.ConnectAsync(_handle, _options.Host, _options.Port, _options.KeepAliveSeconds);
                Volatile.Write(ref _lastConnectError, Math.Max(rc, 0));
                if (rc <= 0)
                {
                    return true;
                }

                if (_stopRequested.IsSet)
                {
                    return false;
                }
            }
        }
    }
}
