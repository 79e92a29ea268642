// Reference surface of nanoFramework's System.Diagnostics.Stopwatch 1.2.862 (NuGet package nanoFramework.System.Diagnostics.Stopwatch).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Device;
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

namespace System.Diagnostics
{
    public class Stopwatch
    {
        public Stopwatch() { throw null; }
        public static readonly long Frequency;
        public static readonly bool IsHighResolution;
        public TimeSpan Elapsed { get { throw null; } }
        public long ElapsedMilliseconds { get { throw null; } }
        public long ElapsedTicks { get { throw null; } }
        public bool IsRunning { get { throw null; } }
        public static long GetTimestamp() { throw null; }
        public void Reset() { throw null; }
        public void Restart() { throw null; }
        public void Start() { throw null; }
        public static Stopwatch StartNew() { throw null; }
        public void Stop() { throw null; }
    }
}
