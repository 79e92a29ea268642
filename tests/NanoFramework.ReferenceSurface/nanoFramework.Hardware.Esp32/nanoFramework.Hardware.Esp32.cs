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
using nanoFramework.Hardware.Esp32.Touch;
using nanoFramework.Runtime.Events;

namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public Configuration() { throw null; }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
    }

    public enum DeviceFunction
    {
        SPI1_MOSI = 65792,
        SPI1_MISO = 65793,
        SPI1_CLOCK = 65794,
        SPI2_MOSI = 66048,
        SPI2_MISO = 66049,
        SPI2_CLOCK = 66050,
        I2C1_DATA = 131328,
        I2C1_CLOCK = 131329,
        I2C2_DATA = 131584,
        I2C2_CLOCK = 131585,
        COM1_TX = 196864,
        COM1_RX = 196865,
        COM1_RTS = 196866,
        COM1_CTS = 196867,
        COM2_TX = 197120,
        COM2_RX = 197121,
        COM2_RTS = 197122,
        COM2_CTS = 197123,
        COM3_TX = 197376,
        COM3_RX = 197377,
        COM3_RTS = 197378,
        COM3_CTS = 197379,
        COM4_TX = 197632,
        COM4_RX = 197633,
        COM4_RTS = 197634,
        COM4_CTS = 197635,
        PWM1 = 262400,
        PWM2 = 262656,
        PWM3 = 262912,
        PWM4 = 263168,
        PWM5 = 263424,
        PWM6 = 263680,
        PWM7 = 263936,
        PWM8 = 264192,
        PWM9 = 264448,
        PWM10 = 264704,
        PWM11 = 264960,
        PWM12 = 265216,
        PWM13 = 265472,
        PWM14 = 265728,
        PWM15 = 265984,
        PWM16 = 266240,
        ADC1_CH0 = 327936,
        ADC1_CH1 = 327937,
        ADC1_CH2 = 327938,
        ADC1_CH3 = 327939,
        ADC1_CH4 = 327940,
        ADC1_CH5 = 327941,
        ADC1_CH6 = 327942,
        ADC1_CH7 = 327943,
        ADC1_CH8 = 327944,
        ADC1_CH9 = 327945,
        ADC1_CH10 = 327946,
        ADC1_CH11 = 327947,
        ADC1_CH12 = 327948,
        ADC1_CH13 = 327949,
        ADC1_CH14 = 327950,
        ADC1_CH15 = 327951,
        ADC1_CH16 = 327952,
        ADC1_CH17 = 327953,
        ADC1_CH18 = 327954,
        ADC1_CH19 = 327955,
        I2S1_MCK = 393472,
        I2S1_BCK = 393473,
        I2S1_WS = 393474,
        I2S1_DATA_OUT = 393475,
        I2S1_MDATA_IN = 393476,
        I2S2_MCK = 393728,
        I2S2_BCK = 393729,
        I2S2_WS = 393730,
        I2S2_DATA_OUT = 393731,
        I2S2_MDATA_IN = 393732,
        SDMMC1_CLOCK = 524544,
        SDMMC1_COMMAND = 524545,
        SDMMC1_D0 = 524546,
        SDMMC1_D1 = 524547,
        SDMMC1_D2 = 524548,
        SDMMC1_D3 = 524549,
        SDMMC2_CLOCK = 524800,
        SDMMC2_COMMAND = 524801,
        SDMMC2_D0 = 524802,
        SDMMC2_D1 = 524803,
        SDMMC2_D2 = 524804,
        SDMMC2_D3 = 524805,
    }

    public enum DeviceTypes
    {
        GPIO = 0,
        SPI = 65536,
        I2C = 131072,
        SERIAL = 196608,
        PWM = 262144,
        ADC = 327680,
        I2S = 393216,
        SDMMC = 524288,
    }

    public enum EspNativeError
    {
        OK = 0,
        FAIL = -1,
        NO_MEM = 257,
        INVALID_ARG = 258,
        INVALID_STATE = 259,
        INVALID_SIZE = 260,
        NOT_FOUND = 261,
        NOT_SUPPORTED = 262,
        TIMEOUT = 263,
        INVALID_RESPONSE = 264,
        INVALID_CRC = 265,
        INVALID_VERSION = 266,
        INVALID_MAC = 267,
        WIFI_BASE = 12288,
    }

    public static class Gpio
    {
        public const int IO00 = 0;
        public const int IO01 = 1;
        public const int IO02 = 2;
        public const int IO03 = 3;
        public const int IO04 = 4;
        public const int IO05 = 5;
        public const int IO06 = 6;
        public const int IO07 = 7;
        public const int IO08 = 8;
        public const int IO09 = 9;
        public const int IO10 = 10;
        public const int IO11 = 11;
        public const int IO12 = 12;
        public const int IO13 = 13;
        public const int IO14 = 14;
        public const int IO15 = 15;
        public const int IO16 = 16;
        public const int IO17 = 17;
        public const int IO18 = 18;
        public const int IO19 = 19;
        public const int IO20 = 20;
        public const int IO21 = 21;
        public const int IO22 = 22;
        public const int IO23 = 23;
        public const int IO24 = 24;
        public const int IO25 = 25;
        public const int IO26 = 26;
        public const int IO27 = 27;
        public const int IO28 = 28;
        public const int IO29 = 29;
        public const int IO30 = 30;
        public const int IO31 = 31;
        public const int IO32 = 32;
        public const int IO33 = 33;
        public const int IO34 = 34;
        public const int IO35 = 35;
        public const int IO36 = 36;
        public const int IO37 = 37;
        public const int IO38 = 38;
        public const int IO39 = 39;
    }

    public class HighResTimer : IDisposable
    {
        public HighResTimer() { throw null; }
        public event HighResTimerExpiredEventHandler OnHighResTimerExpired;
        public void Dispose() { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
        public static ulong GetCurrent() { throw null; }
        public void StartOnePeriodic(ulong period_us) { throw null; }
        public void StartOneShot(ulong timeout_us) { throw null; }
        public void Stop() { throw null; }
        ~HighResTimer() { }
    }

    public delegate void HighResTimerExpiredEventHandler(HighResTimer sender, object e);

    public class NativeMemory
    {
        public NativeMemory() { throw null; }
        public static void GetMemoryInfo(NativeMemory.MemoryType memType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock) { throw null; }

        public enum MemoryType
        {
            All = 0,
            Internal = 1,
            SpiRam = 2,
        }
    }

    public class Sleep
    {
        public Sleep() { throw null; }
        public static EspNativeError EnableWakeupByMultiPins(Sleep.WakeupGpioPin pins, Sleep.WakeupMode mode) { throw null; }
        public static EspNativeError EnableWakeupByPin(Sleep.WakeupGpioPin pin, int level) { throw null; }
        public static EspNativeError EnableWakeupByTimer(TimeSpan time) { throw null; }
        public static EspNativeError EnableWakeupByTouchPad(int padNumber1, int padNumber2 = -1, byte thresholdCoefficient = 80) { throw null; }
        public static EspNativeError EnableWakeupByUart(Sleep.WakeUpPort portNumber, int edgeCount) { throw null; }
        public static Sleep.WakeupCause GetWakeupCause() { throw null; }
        public static Sleep.WakeupGpioPin GetWakeupGpioPin() { throw null; }
        public static int GetWakeupTouchpad() { throw null; }
        public static void StartDeepSleep() { throw null; }
        public static EspNativeError StartLightSleep() { throw null; }

        public enum WakeUpPort
        {
            COM1 = 0,
            COM2 = 1,
        }

        public enum WakeupCause
        {
            Undefined = 0,
            Ext0 = 2,
            Ext1 = 3,
            Timer = 4,
            TouchPad = 5,
            Ulp = 6,
            Gpio = 7,
            Uart = 8,
            Wifi = 9,
            CoCpu = 10,
            CoCpuTrapTrig = 11,
            Bt = 12,
        }

        [Flags]
        public enum WakeupGpioPin : ulong
        {
            None = 0,
            Pin0 = 1,
            Pin1 = 2,
            Pin2 = 4,
            Pin3 = 8,
            Pin4 = 16,
            Pin5 = 32,
            Pin6 = 64,
            Pin7 = 128,
            Pin8 = 256,
            Pin9 = 512,
            Pin10 = 1024,
            Pin11 = 2048,
            Pin12 = 4096,
            Pin13 = 8192,
            Pin14 = 16384,
            Pin15 = 32768,
            Pin16 = 65536,
            Pin17 = 131072,
            Pin18 = 262144,
            Pin19 = 524288,
            Pin20 = 1048576,
            Pin21 = 2097152,
            Pin25 = 33554432,
            Pin26 = 67108864,
            Pin27 = 134217728,
            Pin32 = 4294967296,
            Pin33 = 8589934592,
            Pin34 = 17179869184,
            Pin35 = 34359738368,
            Pin36 = 68719476736,
            Pin37 = 137438953472,
            Pin38 = 274877906944,
            Pin39 = 549755813888,
        }

        public enum WakeupMode
        {
            AllLow = 0,
            AnyHigh = 1,
        }
    }
}
