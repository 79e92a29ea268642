// Reference surface of nanoFramework's System.Device.Adc 1.1.24 (NuGet package nanoFramework.System.Device.Adc).
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

namespace System.Device.Adc
{
    public class AdcChannel : AdcChannelBase, IDisposable
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal AdcChannel() { }
        public void Dispose() { throw null; }
        public override int ReadValue() { throw null; }
        ~AdcChannel() { }
    }

    public abstract class AdcChannelBase
    {
        protected AdcChannelBase() { throw null; }
        public AdcController Controller { get { throw null; } }
        public double ReadRatio() { throw null; }
        public abstract int ReadValue();
    }

    public enum AdcChannelMode
    {
        SingleEnded = 0,
        Differential = 1,
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() { throw null; }
        public override int ChannelCount { get { throw null; } }
        public override AdcChannelMode ChannelMode { get { throw null; } set { } }
        public override int MaxValue { get { throw null; } }
        public override int MinValue { get { throw null; } }
        public override int ResolutionInBits { get { throw null; } }
        public override bool IsChannelModeSupported(AdcChannelMode channelMode) { throw null; }
        public override AdcChannel OpenChannel(int channelNumber) { throw null; }
    }

    public abstract class AdcControllerBase
    {
        protected AdcControllerBase() { throw null; }
        public abstract int ChannelCount { get; }
        public abstract AdcChannelMode ChannelMode { get; set; }
        public abstract int MaxValue { get; }
        public abstract int MinValue { get; }
        public abstract int ResolutionInBits { get; }
        public abstract bool IsChannelModeSupported(AdcChannelMode channelMode);
        public abstract AdcChannel OpenChannel(int channelNumber);
    }
}
