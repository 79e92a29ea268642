// Reference surface of nanoFramework's nanoFramework.Runtime.Native 1.7.11 (NuGet package nanoFramework.Runtime.Native).
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

namespace nanoFramework.Runtime.Native
{
    public class ConstraintException : Exception
    {
        public ConstraintException() { throw null; }
    }

    public static class ExecutionConstraint
    {
        public static void Install(int timeoutMilliseconds, int priority) { throw null; }
    }

    public static class GC
    {
        public static void EnableGCMessages(bool enable) { throw null; }
        public static uint Run(bool compactHeap) { throw null; }
    }

    public class Power
    {
        public Power() { throw null; }
        public static event RebootEventHandler OnRebootEvent;
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
    }

    public delegate void RebootEventHandler();

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public static class Rtc
    {
        public static bool SetSystemTime(DateTime time) { throw null; }
    }

    public static class SystemInfo
    {
        public static SystemInfo.FloatingPoint FloatingPointSupport { get { throw null; } }
        public static byte Model { get { throw null; } }
        public static byte OEM { get { throw null; } }
        public static string OEMString { get { throw null; } }
        public static string Platform { get { throw null; } }
        public static ushort SKU { get { throw null; } }
        public static string TargetName { get { throw null; } }
        public static Version Version { get { throw null; } }

        public enum FloatingPoint
        {
            None = 0,
            SinglePrecisionSoftware = 1,
            SinglePrecisionHardware = 2,
            DoublePrecisionSoftware = 3,
            DoublePrecisionHardware = 4,
        }
    }
}
