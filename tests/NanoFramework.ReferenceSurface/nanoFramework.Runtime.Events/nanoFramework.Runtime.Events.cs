// Reference surface of nanoFramework's nanoFramework.Runtime.Events 1.11.37 (NuGet package nanoFramework.Runtime.Events).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public BaseEvent() { throw null; }
        public byte Message;
        public ushort Source;
    }

    public static class CustomEvent
    {
        public static event CustomEventPostedEventHandler CustomEventPosted;
    }

    public class CustomEventArgs : EventArgs
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal CustomEventArgs() { }
        public ushort Data1 { get { throw null; } }
        public uint Data2 { get { throw null; } }
    }

    public delegate void CustomEventPostedEventHandler(object sender, CustomEventArgs e);

    public enum EventCategory
    {
        Unknown = 0,
        Custom = 10,
        Gpio = 20,
        SerialDevice = 30,
        Network = 40,
        WiFi = 50,
        Can = 60,
        Storage = 70,
        Radio = 80,
        HighResolutionTimer = 90,
        Bluetooth = 100,
        Usb = 110,
        Touch = 120,
        Gesture = 130,
        OpenThread = 140,
        EspNow = 150,
    }

    public class EventSink : NativeEventDispatcher
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal EventSink() : base(default(string), default(ulong)) { }
        public static void AddEventFilter(EventCategory eventCategory, IEventListener eventFilter) { throw null; }
        public static void AddEventListener(EventCategory eventCategory, IEventListener eventListener) { throw null; }
        public static void AddEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { throw null; }
        public static void PostManagedEvent(byte category, byte subCategory, ushort data1, uint data2) { throw null; }
        public static void RemoveEventFilter(EventCategory eventCategory, IEventListener eventFilter) { throw null; }
        public static void RemoveEventListener(EventCategory eventCategory, IEventListener eventListener) { throw null; }
        public static void RemoveEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { throw null; }
    }

    public class GenericEvent : BaseEvent
    {
        public GenericEvent() { throw null; }
        public byte Category;
        public uint Data;
        public DateTime Time;
    }

    public interface IEventListener
    {
        void InitializeForEventSource();
        bool OnEvent(BaseEvent ev);
    }

    public interface IEventProcessor
    {
        BaseEvent ProcessEvent(uint data1, uint data2, DateTime time);
    }

    public class NativeEventDispatcher : IDisposable
    {
        public NativeEventDispatcher(string driverName, ulong driverData) { throw null; }
        protected NativeEventHandler callbacks;
        protected bool disposed;
        protected NativeEventHandler threadSpawn;
        public event NativeEventHandler OnInterrupt;
        public virtual void DisableInterrupt() { throw null; }
        public void Dispose() { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
        public virtual void EnableInterrupt() { throw null; }
        ~NativeEventDispatcher() { }
    }

    public delegate void NativeEventHandler(uint data1, uint data2, DateTime time);

    public static class WeakDelegate
    {
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public static Delegate Remove(Delegate a, Delegate b) { throw null; }
    }
}
