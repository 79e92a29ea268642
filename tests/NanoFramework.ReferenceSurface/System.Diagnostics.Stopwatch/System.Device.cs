// Reference surface of nanoFramework's System.Diagnostics.Stopwatch 1.2.862 (NuGet package nanoFramework.System.Diagnostics.Stopwatch).
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
using nanoFramework.Runtime.Native;

namespace System.Device
{
    public static class DelayHelper
    {
        public static void Delay(TimeSpan time, bool allowThreadYield) { throw null; }
        public static void DelayMicroseconds(int microseconds, bool allowThreadYield) { throw null; }
        public static void DelayMilliseconds(int milliseconds, bool allowThreadYield) { throw null; }
    }
}
