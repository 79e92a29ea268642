// Reference surface of nanoFramework's System.Device.Pwm 1.1.23 (NuGet package nanoFramework.System.Device.Pwm).
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

namespace System.Device.Pwm
{
    public sealed class PwmChannel : IDisposable
    {
        public PwmChannel(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) { throw null; }
        public double DutyCycle { get { throw null; } set { } }
        public int Frequency { get { throw null; } set { } }
        public static PwmChannel Create(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) { throw null; }
        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) { throw null; }
        public void Dispose() { throw null; }
        public void Start() { throw null; }
        public void Stop() { throw null; }
    }

    public enum PwmPulsePolarity
    {
        ActiveHigh = 0,
        ActiveLow = 1,
    }
}
