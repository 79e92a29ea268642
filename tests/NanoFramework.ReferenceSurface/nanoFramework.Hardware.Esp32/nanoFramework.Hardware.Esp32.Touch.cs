// Reference surface of nanoFramework's nanoFramework.Hardware.Esp32 1.6.42 (NuGet package nanoFramework.Hardware.Esp32).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Device.Gpio;
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
using nanoFramework.Runtime.Events;

namespace nanoFramework.Hardware.Esp32.Touch
{
    public enum DenoiseCapacitance
    {
        Cap5pf = 0,
        Cap6pf4 = 1,
        Cap7pf8 = 2,
        Cap9pf2 = 3,
        Cap10pf6 = 4,
        Cap12pf0 = 5,
        Cap13pf4 = 6,
        Cap14pf8 = 7,
    }

    public enum DenoiseRange
    {
        Bit12 = 0,
        Bit10 = 1,
        Bit8 = 2,
        Bit4 = 3,
    }

    public class DenoiseSetting
    {
        public DenoiseSetting() { throw null; }
        public DenoiseCapacitance DenoiseCapacitance { get { throw null; } set { } }
        public DenoiseRange DenoiseRange { get { throw null; } set { } }
    }

    public class Esp32FilterSetting : IFilterSetting
    {
        public Esp32FilterSetting() { throw null; }
        public uint Period { get { throw null; } set { } }
    }

    public enum FilterSettingDebounce
    {
        NoDebounce = 0,
        One = 1,
        Two = 2,
        Three = 3,
        Four = 4,
        Five = 5,
        Six = 6,
        Seven = 7,
    }

    public enum FilterSettingMode
    {
        Iir4 = 0,
        Iir8 = 1,
        Iir16 = 2,
        Iir32 = 3,
        Iir64 = 4,
        Iir128 = 5,
        Iir256 = 6,
        IirJitter = 7,
    }

    public enum FilterSettingNoiseThreshold
    {
        Low = 0,
        Mediumlow = 1,
        MediumHigh = 2,
        High = 3,
    }

    public enum FilterSettingSmoothMode
    {
        Off = 0,
        Iir2 = 1,
        Iir4 = 2,
        Iir8 = 3,
    }

    public interface IFilterSetting
    {
    }

    public enum MeasurementMode
    {
        Timer = 0,
        Software = 1,
    }

    public class MeasurementTime
    {
        public MeasurementTime() { throw null; }
        public TimeSpan MeasurementCycles { get { throw null; } set { } }
        public ushort SleepCycles { get { throw null; } set { } }
    }

    public class S2S3FilterSetting : IFilterSetting
    {
        public S2S3FilterSetting() { throw null; }
        public FilterSettingDebounce FilterSettingDebounce { get { throw null; } set { } }
        public FilterSettingNoiseThreshold FilterSettingNoiseThreshold { get { throw null; } set { } }
        public FilterSettingSmoothMode FilterSettingSmoothMode { get { throw null; } set { } }
        public byte JitterSize { get { throw null; } set { } }
        public FilterSettingMode PeriodeSettingMode { get { throw null; } set { } }
    }

    public struct TouchChargeSpeed
    {
        public TouchChargeSpeed.InitialCharge Charge { get { throw null; } set { } }
        public TouchChargeSpeed.ChargeSpeed Speed { get { throw null; } set { } }

        public enum ChargeSpeed
        {
            Zero = 0,
            Slowest = 1,
            Speed2 = 2,
            Speed3 = 3,
            Speed4 = 4,
            Speed5 = 5,
            Speed6 = 6,
            Fastest = 7,
        }

        public enum InitialCharge
        {
            Low = 0,
            High = 1,
        }
    }

    public enum TouchHighVoltage
    {
        Volt2V4 = 0,
        Volt2V5 = 1,
        Volt2V6 = 2,
        Volt2V7 = 3,
    }

    public enum TouchHighVoltageAttenuation
    {
        Volt1V5 = 0,
        Volt1V0 = 1,
        Volt0V5 = 2,
        Volt0V0 = 3,
    }

    public enum TouchLowVoltage
    {
        Volt0V5 = 0,
        Volt0V6 = 1,
        Volt0V7 = 2,
        Volt0V8 = 3,
    }

    public class TouchPad : IDisposable
    {
        public TouchPad(int touchPadNumber) { throw null; }
        public int CalibrationData { get { throw null; } }
        public static bool DenoiseEnabled { get { throw null; } set { } }
        public static bool IsFilterOn { get { throw null; } }
        public static MeasurementMode MeasurementMode { get { throw null; } set { } }
        public uint Threshold { get { throw null; } set { } }
        public static TouchHighVoltage TouchHighVoltage { get { throw null; } }
        public static TouchHighVoltageAttenuation TouchHighVoltageAttenuation { get { throw null; } }
        public static TouchLowVoltage TouchLowVoltage { get { throw null; } }
        public int TouchPadNumber { get { throw null; } }
        public static TouchTriggerMode TouchTriggerMode { get { throw null; } set { } }
        public static WakeUpSource WakeUpSource { get { throw null; } set { } }
        public event TouchPadValueChangedEventHandler ValueChanged;
        public void Dispose() { throw null; }
        public int GetCalibrationData(int count = 5) { throw null; }
        public TouchChargeSpeed GetChargeSpeed() { throw null; }
        public static DenoiseSetting GetDenoise() { throw null; }
        public static int GetGpioNumberFromTouchNumber(int touchpadNumber) { throw null; }
        public static MeasurementTime GetMeasurementTime() { throw null; }
        public uint Read() { throw null; }
        public void SetChargeSpeed(TouchChargeSpeed touchChargeSpeed) { throw null; }
        public static void SetDenoise(DenoiseSetting denoiseSetting) { throw null; }
        public static void SetMeasurementTime(MeasurementTime measurementTime) { throw null; }
        public static void SetVoltage(TouchHighVoltage touchHighVoltage, TouchLowVoltage touchLowVoltage, TouchHighVoltageAttenuation touchHighVoltageAttenuation) { throw null; }
        public static void StartFilter(IFilterSetting filterSetting) { throw null; }
        public static void StopFilter() { throw null; }
    }

    public class TouchPadEventArgs : BaseEvent
    {
        public TouchPadEventArgs(int padNumber, bool touched) { throw null; }
        public int PadNumber { get { throw null; } }
        public bool Touched { get { throw null; } }
    }

    public delegate void TouchPadValueChangedEventHandler(object sender, TouchPadEventArgs e);

    public enum TouchTriggerMode
    {
        BellowThreshold = 0,
        AboveThreshold = 1,
    }

    public enum WakeUpSource
    {
        BothSet1AndSet2 = 0,
        OnlySet1 = 1,
    }
}
