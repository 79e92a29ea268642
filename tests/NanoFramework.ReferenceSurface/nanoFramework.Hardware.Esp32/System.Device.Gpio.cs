// Reference surface of nanoFramework's nanoFramework.Hardware.Esp32 1.6.42 (NuGet package nanoFramework.Hardware.Esp32).
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
using nanoFramework.Hardware.Esp32;
using nanoFramework.Hardware.Esp32.Touch;
using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    public struct GpioPulseCount
    {
        public long Count;
        public TimeSpan RelativeTime;
    }

    public sealed class GpioPulseCounter : IDisposable
    {
        public GpioPulseCounter(int pinNumberA, int pinNumberB = -1) { throw null; }
        public ushort FilterPulses { get { throw null; } set { } }
        public bool IsStarted { get { throw null; } }
        public GpioPulsePolarity Polarity { get { throw null; } set { } }
        public void Dispose() { throw null; }
        public GpioPulseCount Read() { throw null; }
        public GpioPulseCount Reset() { throw null; }
        public void Start() { throw null; }
        public void Stop() { throw null; }
        ~GpioPulseCounter() { }
    }

    public enum GpioPulsePolarity
    {
        Both = 0,
        Falling = 1,
        Rising = 2,
    }
}
