// Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Edge.HostSim.Mqtt.Native;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// libmosquitto callbacks. They arrive on the network thread as static unmanaged entry points; the
    /// instance comes from the GCHandle passed to mosquitto_new as <c>obj</c>. Nothing may throw into C.
    /// </summary>
    public sealed unsafe partial class MosquittoClient
    {
        private void SetCallbacks()
        {
            MosquittoNative.ConnectCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnConnectNative);
            MosquittoNative.DisconnectCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnDisconnectNative);
            MosquittoNative.PublishCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void>)&OnPublishNative);
            MosquittoNative.MessageCallbackSet(_handle, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, MosquittoMessage*, void>)&OnMessageNative);
        }

        private void HandleConnect(int rc)
        {
            if (rc != 0)
            {
                Volatile.Write(ref _lastRefusalCode, rc);
                ConnectionRefused?.Invoke(rc);
                return;
            }

            _failedAttempts = 0;
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
