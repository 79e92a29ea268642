// Reference surface of nanoFramework's nanoFramework.Runtime.Native 1.7.11 (NuGet package nanoFramework.Runtime.Native).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

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

namespace System
{
    public static class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}
