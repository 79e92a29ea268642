// Reference surface of nanoFramework's System.Device.Dac 1.5.26 (NuGet package nanoFramework.System.Device.Dac).
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

namespace System.Device.Dac
{
    public sealed class DacChannel : IDisposable
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal DacChannel() { }
        public DacController Controller { get { throw null; } }
        public void WriteValue(ushort value) { throw null; }
        public void Dispose() { throw null; }
        ~DacChannel() { }
    }

    public class DacChannelAlreadyInUseException : Exception
    {
        public DacChannelAlreadyInUseException() { throw null; }
        public override string ToString() { throw null; }
    }

    public sealed class DacController
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal DacController() { }
        public int ChannelCount { get { throw null; } }
        public int ResolutionInBits { get { throw null; } }
        public static DacController GetDefault() { throw null; }
        public static string GetDeviceSelector() { throw null; }
        public DacChannel OpenChannel(int channelNumber) { throw null; }
    }
}
