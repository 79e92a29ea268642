// Reference surface of nanoFramework's System.Device.Gpio 1.1.62 (NuGet package nanoFramework.System.Device.Gpio).
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
using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController() { throw null; }
        public GpioController(PinNumberingScheme numberingScheme) { throw null; }
        public PinNumberingScheme NumberingScheme { get { throw null; } }
        public int PinCount { get { throw null; } }
        public void ClosePin(int pinNumber) { throw null; }
        public void Dispose() { throw null; }
        public PinMode GetPinMode(int pinNumber) { throw null; }
        public bool IsPinModeSupported(int pinNumber, PinMode mode) { throw null; }
        public bool IsPinOpen(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public PinValue Read(int pinNumber) { throw null; }
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) { throw null; }
        public void SetPinMode(int pinNumber, PinMode mode) { throw null; }
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) { throw null; }
        public void Write(int pinNumber, PinValue value) { throw null; }
    }

    public sealed class GpioPin : IDisposable
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal GpioPin() { }
        public TimeSpan DebounceTimeout { get { throw null; } set { } }
        public int PinNumber { get { throw null; } }
        public event PinValueChangedEventHandler ValueChanged;
        public void Dispose() { throw null; }
        public PinMode GetPinMode() { throw null; }
        public bool IsPinModeSupported(PinMode pinMode) { throw null; }
        public PinValue Read() { throw null; }
        public void SetPinMode(PinMode value) { throw null; }
        public void Toggle() { throw null; }
        public void Write(PinValue value) { throw null; }
        ~GpioPin() { }
    }

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public enum PinMode
    {
        Input = 0,
        InputPullDown = 1,
        InputPullUp = 2,
        Output = 3,
        OutputOpenDrain = 4,
        OutputOpenDrainPullUp = 5,
        OutputOpenSource = 6,
        OutputOpenSourcePullDown = 7,
    }

    public enum PinNumberingScheme
    {
        Logical = 0,
        Board = 1,
    }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static implicit operator PinValue(int value) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
    }

    public class PinValueChangedEventArgs : BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { throw null; }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public readonly struct PinValuePair
    {
        public PinValuePair(int pinNumber, PinValue pinValue) { throw null; }
        public int PinNumber { get { throw null; } }
        public PinValue PinValue { get { throw null; } }
        public void Deconstruct(out int pinNumber, out PinValue pinValue) { throw null; }
    }

    public struct WaitForEventResult
    {
        public PinEventTypes EventTypes;
        public bool TimedOut;
    }
}
