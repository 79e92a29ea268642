// Licensed under the MIT License.

using System.Runtime.InteropServices;
using Edge.HostSim.Mqtt.Native;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 client over Eclipse Mosquitto's C library (libmosquitto.so.1).
    /// <para>
    /// Threading: one background network thread per client drives libmosquitto (mosquitto_loop) and
    /// owns (re)connecting, so <see cref="Connect"/> returns at once and nothing the caller does waits
    /// for the network. After any loss or failed attempt it reconnects with exponential back-off
    /// (<see cref="ReconnectBackoff"/>) and re-applies every subscription. Unlike libmosquitto's own
    /// loop_start thread, which gives up for good after some errors (a failed first connect, a TLS
    /// handshake error), this loop retries every failure until disposed.
    /// <see cref="Publish"/>, <see cref="Subscribe"/>, <see cref="IsConnected"/> and
    /// <see cref="AbortConnection"/> may be called from any thread, including from event handlers.
    /// All events are raised on the network thread: keep handlers short, do not block in them and
    /// never call <see cref="Dispose"/> from one (it joins that thread). An exception thrown by a
    /// handler is caught (it must not unwind into C) and kept in <see cref="LastHandlerException"/>.
    /// </para>
    /// <para>
    /// Delivery: <see cref="Publish"/> refuses with <see cref="MqttError.NotConnected"/> while
    /// disconnected instead of queueing, so an outbox above keeps ownership of unsent data. A QoS 1
    /// message accepted just before the connection dropped stays in libmosquitto and is resent after
    /// the reconnect; its <see cref="PublishAcknowledged"/> then arrives late (at-least-once).
    /// </para>
    /// </summary>
    public sealed unsafe partial class MosquittoClient : IMqttTransport
    {
        /// <summary>Longest select() wait of the network loop; bounds how late a stop request is noticed.</summary>
        private const int LoopTimeoutMs = 250;

        /// <summary>How long <see cref="Dispose"/> lets the loop flush DISCONNECT before closing anyway.</summary>
        private const int DisconnectFlushMs = 2000;

        private readonly MosquittoClientOptions _options;
        private readonly ReconnectBackoff _backoff;
        private readonly object _lifecycleLock = new object();
        private readonly object _subscriptionLock = new object();
        private readonly Dictionary<string, int> _subscriptions = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly IntPtr _handle;
        private readonly ManualResetEventSlim _stopRequested = new ManualResetEventSlim(false);
        private GCHandle _self;
        private Thread? _networkThread;
        private volatile bool _isConnected;
        private int _disposed;
        private int _activeCalls;
        private int _lastConnectError;
        private int _lastRefusalCode;

        // Touched only by the network thread (the loop and the callbacks it runs).
        private int _failedAttempts;

        /// <summary>Creates the client and applies all options; does not touch the network.</summary>
        /// <exception cref="ArgumentException">An option is out of range or the CA file is unusable.</exception>
        /// <exception cref="InvalidOperationException">libmosquitto is missing or failed.</exception>
        public MosquittoClient(MosquittoClientOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _backoff = new ReconnectBackoff(options.ReconnectDelayMinMs, options.ReconnectDelayMaxMs);
            MosquittoLibrary.EnsureInitialised();

            _self = GCHandle.Alloc(this, GCHandleType.Normal);
            _handle = MosquittoNative.New(options.ClientId, options.CleanSession, GCHandle.ToIntPtr(_self));
            if (_handle == IntPtr.Zero)
            {
                _self.Free();
                throw new InvalidOperationException("mosquitto_new failed for client id '" + options.ClientId + "'.");
            }

            try
            {
                Configure(options);
            }
            catch
            {
                MosquittoNative.Destroy(_handle);
                _self.Free();
                throw;
            }
        }

        /// <inheritdoc/>
        public event Action? Connected;

        /// <inheritdoc/>
        public event Action<int>? Disconnected;

        /// <inheritdoc/>
        public event Action<int>? ConnectionRefused;

        /// <inheritdoc/>
        public event Action<int>? PublishAcknowledged;

        /// <inheritdoc/>
        public event Action<MqttMessage>? MessageReceived;

        /// <inheritdoc/>
        public bool IsConnected => _isConnected;

        /// <summary>Client id used with the broker.</summary>
        public string ClientId => _options.ClientId;

        /// <summary>Result of the latest connect attempt that failed before reaching the broker (<see cref="MqttError"/> value), 0 if the latest one got under way.</summary>
        public int LastConnectError => Volatile.Read(ref _lastConnectError);

        /// <summary>Last CONNACK refusal code from the broker, 0 if none yet.</summary>
        public int LastRefusalCode => Volatile.Read(ref _lastRefusalCode);

        /// <summary>Last exception thrown by an event handler, or null.</summary>
        public Exception? LastHandlerException { get; private set; }

        /// <inheritdoc/>
        public void Connect()
        {
            lock (_lifecycleLock)
            {
                ThrowIfDisposed();
                if (_networkThread != null)
                {
                    return;
                }

                _networkThread = new Thread(RunNetworkLoop) { IsBackground = true, Name = "mqtt " + _options.ClientId };
                _networkThread.Start();
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            ArgumentNullException.ThrowIfNull(topic);
            ArgumentNullException.ThrowIfNull(payload);
            if (offset < 0 || count < 0 || offset > payload.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset/count outside the payload array.");
            }

            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0..2.");
            }

            if (!EnterCall())
            {
                return -(int)MqttError.NotConnected;
            }

            try
            {
                if (!_isConnected)
                {
                    return -(int)MqttError.NotConnected;
                }

                int rc;
                int mid;
                fixed (byte* start = payload)
                {
                    rc = MosquittoNative.Publish(_handle, out mid, topic, count, start + offset, qos, retain);
                }

                return rc == 0 ? mid : -rc;
            }
            finally
            {
                ExitCall();
            }
        }

        /// <inheritdoc/>
        public void Subscribe(string topicFilter, int qos)
        {
            ArgumentException.ThrowIfNullOrEmpty(topicFilter);
            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0..2.");
            }

            lock (_subscriptionLock)
            {
                _subscriptions[topicFilter] = qos;
            }

            if (!EnterCall())
            {
                return;
            }

            try
            {
                if (_isConnected)
                {
                    // A failure here is repaired by the re-subscribe that follows the next reconnect.
                    MosquittoNative.Subscribe(_handle, out _, topicFilter, qos);
                }
            }
            finally
            {
                ExitCall();
            }
        }

        /// <summary>
        /// Cuts the TCP connection without sending DISCONNECT, as a crash or a pulled cable would: the
        /// broker publishes the Last Will, and this client reconnects by itself after its back-off.
        /// Meant for fault simulation and tests.
        /// </summary>
        public void AbortConnection()
        {
            if (!EnterCall())
            {
                return;
            }

            try
            {
                _isConnected = false;
                int socket = MosquittoNative.Socket(_handle);
                if (socket >= 0)
                {
                    // shutdown, not close: the descriptor stays owned by libmosquitto, which sees EOF and closes it.
                    LibC.Shutdown(socket, LibC.ShutReadWrite);
                }
            }
            finally
            {
                ExitCall();
            }
        }

        /// <summary>
        /// Sends DISCONNECT if connected (so the broker discards the will), stops the network thread and
        /// frees the native client. Waits at most about <see cref="MosquittoClientOptions.ConnectTimeoutMs"/>
        /// (a connect attempt in progress) plus two seconds (flushing DISCONNECT).
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            // Calls that entered before the flag was set finish quickly (none blocks on the network).
            SpinWait spin = default;
            while (Volatile.Read(ref _activeCalls) != 0)
            {
                spin.SpinOnce();
            }

            Thread? networkThread;
            lock (_lifecycleLock)
            {
                networkThread = _networkThread;
            }

            _stopRequested.Set();
            if (networkThread != null)
            {
                // Wakes the loop's select() at once when connected; the loop itself makes sure DISCONNECT goes out.
                MosquittoNative.Disconnect(_handle);
                networkThread.Join();
            }

            _isConnected = false;
            MosquittoNative.Destroy(_handle);
            _self.Free();
            _stopRequested.Dispose();
        }

        private void Configure(MosquittoClientOptions options)
        {
            // Our own thread runs the loop: libmosquitto must lock its state and wake that thread on publish.
            Check(MosquittoNative.ThreadedSet(_handle, true), "threaded mode");
            Check(MosquittoNative.IntOption(_handle, MosquittoOption.ProtocolVersion, MosquittoNative.ProtocolV311), "protocol version");
            Check(MosquittoNative.IntOption(_handle, MosquittoOption.TcpNoDelay, 1), "TCP_NODELAY");
            Check(MosquittoNative.IntOption(_handle, MosquittoOption.SendMaximum, options.MaxInflightMessages), "send maximum");

            if (options.Username != null)
            {
                Check(MosquittoNative.UsernamePasswordSet(_handle, options.Username, options.Password), "user name/password");
            }

            if (options.CaFile != null)
            {
                int rc = MosquittoNative.TlsSet(_handle, options.CaFile, null, null, null, IntPtr.Zero);
                if (rc != 0)
                {
                    throw new ArgumentException("TLS setup with CA file '" + options.CaFile + "' failed: " + MosquittoNative.ErrorText(rc), nameof(options));
                }
            }

            if (options.WillTopic != null && options.WillPayload != null)
            {
                fixed (byte* will = options.WillPayload)
                {
                    Check(MosquittoNative.WillSet(_handle, options.WillTopic, options.WillPayload.Length, will, options.WillQos, options.WillRetain), "will");
                }
            }

            SetCallbacks();
        }

        private static void Check(int rc, string what)
        {
            if (rc != 0)
            {
                throw new ArgumentException("libmosquitto rejected the " + what + " setting: " + MosquittoNative.ErrorText(rc));
            }
        }

        private bool EnterCall()
        {
            Interlocked.Increment(ref _activeCalls);
            if (Volatile.Read(ref _disposed) != 0)
            {
                Interlocked.Decrement(ref _activeCalls);
                return false;
            }

            return true;
        }

        private void ExitCall()
        {
            Interlocked.Decrement(ref _activeCalls);
        }

        private void ThrowIfDisposed()
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        }
    }
}
