// Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Edge.HostSim.Mqtt.Native;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 client over Eclipse Mosquitto's C library (libmosquitto.so.1).
    /// <para>
    /// Threading: libmosquitto runs its own network thread (mosquitto_loop_start). <see cref="Connect"/>
    /// only starts a short-lived thread that issues the non-blocking connect and starts that loop, so
    /// the caller never waits for the network. The loop reconnects by itself with exponential back-off
    /// (<see cref="MosquittoClientOptions.ReconnectDelayMinSeconds"/>..Max) and re-applies every
    /// subscription after each reconnect. <see cref="Publish"/>, <see cref="Subscribe"/>,
    /// <see cref="IsConnected"/> and <see cref="AbortConnection"/> may be called from any thread,
    /// including from event handlers. All events are raised on libmosquitto's thread: keep handlers
    /// short, do not block in them and never call <see cref="Dispose"/> from one (it joins that thread).
    /// An exception thrown by a handler is caught (it must not unwind into C) and kept in
    /// <see cref="LastHandlerException"/>.
    /// </para>
    /// <para>
    /// Delivery: <see cref="Publish"/> refuses with <see cref="MqttError.NotConnected"/> while
    /// disconnected instead of queueing, so an outbox above keeps ownership of unsent data. A QoS 1
    /// message accepted just before the connection dropped stays in libmosquitto and is resent after
    /// the reconnect; its <see cref="PublishAcknowledged"/> then arrives late (at-least-once).
    /// </para>
    /// </summary>
    public sealed unsafe class MosquittoClient : IMqttTransport
    {
        private readonly MosquittoClientOptions _options;
        private readonly object _lifecycleLock = new object();
        private readonly object _subscriptionLock = new object();
        private readonly Dictionary<string, int> _subscriptions = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly IntPtr _handle;
        private readonly ManualResetEventSlim _stopRequested = new ManualResetEventSlim(false);
        private GCHandle _self;
        private Thread? _startThread;
        private bool _connectRequested;
        private bool _loopStarted;
        private volatile bool _isConnected;
        private int _disposed;
        private int _activeCalls;
        private int _lastConnectError;
        private int _lastRefusalCode;

        /// <summary>Creates the client and applies all options; does not touch the network.</summary>
        /// <exception cref="ArgumentException">An option is out of range or the CA file is unusable.</exception>
        /// <exception cref="InvalidOperationException">libmosquitto is missing or failed.</exception>
        public MosquittoClient(MosquittoClientOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
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

        /// <summary>Result of the latest initial connect attempt (<see cref="MqttError"/> value, 0 once one got under way); reconnects after that run inside libmosquitto's loop.</summary>
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
                if (_connectRequested)
                {
                    return;
                }

                _connectRequested = true;

                // connect_async still resolves the host name synchronously; a thread keeps that off the caller.
                _startThread = new Thread(StartNetworkLoop) { IsBackground = true, Name = "mqtt-connect " + _options.ClientId };
                _startThread.Start();
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
        /// frees the native client. May wait for an in-progress TCP connect attempt to finish.
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

            _stopRequested.Set();
            Thread? startThread;
            lock (_lifecycleLock)
            {
                startThread = _startThread;
            }

            startThread?.Join();

            lock (_lifecycleLock)
            {
                // mosquitto_disconnect marks the client as disconnecting even without a socket, which
                // makes the loop leave its reconnect wait; loop_stop then joins the loop thread.
                MosquittoNative.Disconnect(_handle);
                if (_loopStarted)
                {
                    MosquittoNative.LoopStop(_handle, false);
                }

                _isConnected = false;
                MosquittoNative.Destroy(_handle);
                _self.Free();
            }

            _stopRequested.Dispose();
        }

        private void Configure(MosquittoClientOptions options)
        {
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

            Check(
                MosquittoNative.ReconnectDelaySet(_handle, (uint)options.ReconnectDelayMinSeconds, (uint)options.ReconnectDelayMaxSeconds, true),
                "reconnect delay");

            MosquittoNative.ConnectCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnConnectNative);
            MosquittoNative.DisconnectCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnDisconnectNative);
            MosquittoNative.PublishCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnPublishNative);
            MosquittoNative.MessageCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, MosquittoMessage*, void>)&OnMessageNative);
        }

        private static void Check(int rc, string what)
        {
            if (rc != 0)
            {
                throw new ArgumentException("libmosquitto rejected the " + what + " setting: " + MosquittoNative.ErrorText(rc));
            }
        }

        private void StartNetworkLoop()
        {
            // libmosquitto's loop thread only takes over reconnecting once a first connect got under
            // way: after a failed connect_async it waits forever in its initial state. So the first
            // connection is retried here, with the same back-off shape as libmosquitto's
            // (min * attempt^2, capped at max).
            for (int attempt = 1; ; attempt++)
            {
                if (_stopRequested.IsSet)
                {
                    return;
                }

                int rc = MosquittoNative.ConnectAsync(_handle, _options.Host, _options.Port, _options.KeepAliveSeconds);
                Volatile.Write(ref _lastConnectError, Math.Max(rc, 0));

                // 0 = connected, -1 (MOSQ_ERR_CONN_PENDING) = TCP handshake in progress; both hand over to the loop.
                if (rc <= 0)
                {
                    break;
                }

                long delaySeconds = Math.Min((long)_options.ReconnectDelayMinSeconds * attempt * attempt, _options.ReconnectDelayMaxSeconds);
                if (_stopRequested.Wait(TimeSpan.FromSeconds(delaySeconds)))
                {
                    return;
                }
            }

            lock (_lifecycleLock)
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    return;
                }

                int rc = MosquittoNative.LoopStart(_handle);
                if (rc != 0)
                {
                    Volatile.Write(ref _lastConnectError, rc);
                    return;
                }

                _loopStarted = true;
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

        private void HandleConnect(int rc)
        {
            if (rc != 0)
            {
                Volatile.Write(ref _lastRefusalCode, rc);
                ConnectionRefused?.Invoke(rc);
                return;
            }

            KeyValuePair<string, int>[] subscriptions;
            lock (_subscriptionLock)
            {
                subscriptions = _subscriptions.ToArray();
            }

            foreach (KeyValuePair<string, int> subscription in subscriptions)
            {
                MosquittoNative.Subscribe(_handle, out _, subscription.Key, subscription.Value);
            }

            if (_options.OnlinePayload != null && _options.WillTopic != null)
            {
                fixed (byte* online = _options.OnlinePayload)
                {
                    MosquittoNative.Publish(_handle, out _, _options.WillTopic, _options.OnlinePayload.Length, online, _options.WillQos, _options.WillRetain);
                }
            }

            _isConnected = true;
            Connected?.Invoke();
        }

        private void HandleDisconnect(int rc)
        {
            _isConnected = false;
            Disconnected?.Invoke(rc);
        }

        private void HandleMessage(MosquittoMessage* message)
        {
            Action<MqttMessage>? handler = MessageReceived;
            if (handler == null)
            {
                return;
            }

            string topic = Marshal.PtrToStringUTF8(message->Topic) ?? string.Empty;
            byte[] payload = new byte[message->PayloadLength];
            if (payload.Length > 0)
            {
                Marshal.Copy(message->Payload, payload, 0, payload.Length);
            }

            handler(new MqttMessage(topic, payload, message->Qos, message->Retain != 0));
        }

        private static MosquittoClient? FromUserData(IntPtr obj)
        {
            return obj == IntPtr.Zero ? null : GCHandle.FromIntPtr(obj).Target as MosquittoClient;
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnConnectNative(IntPtr mosq, IntPtr obj, int rc)
        {
            MosquittoClient? client = FromUserData(obj);
            try
            {
                client?.HandleConnect(rc);
            }
            catch (Exception e)
            {
                client!.LastHandlerException = e;
            }
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnDisconnectNative(IntPtr mosq, IntPtr obj, int rc)
        {
            MosquittoClient? client = FromUserData(obj);
            try
            {
                client?.HandleDisconnect(rc);
            }
            catch (Exception e)
            {
                client!.LastHandlerException = e;
            }
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnPublishNative(IntPtr mosq, IntPtr obj, int mid)
        {
            MosquittoClient? client = FromUserData(obj);
            try
            {
                client?.PublishAcknowledged?.Invoke(mid);
            }
            catch (Exception e)
            {
                client!.LastHandlerException = e;
            }
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnMessageNative(IntPtr mosq, IntPtr obj, MosquittoMessage* message)
        {
            MosquittoClient? client = FromUserData(obj);
            try
            {
                client?.HandleMessage(message);
            }
            catch (Exception e)
            {
                client!.LastHandlerException = e;
            }
        }
    }
}
