// Licensed under the MIT License.

using System;
using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>Status LED stand-in: remembers the last pattern; can be made to throw like a broken pin driver.</summary>
    public sealed class FakeStatusLed : IStatusLed, IDisposable
    {
        /// <summary>Last pattern shown.</summary>
        public StatusLedPattern Pattern { get; private set; } = StatusLedPattern.Offline;

        /// <summary>When true, <see cref="Show"/> throws.</summary>
        public bool ThrowOnShow { get; set; }

        /// <summary>True after Dispose.</summary>
        public bool IsDisposed { get; private set; }

        /// <inheritdoc />
        public bool ModuleFault { get; set; }

        /// <inheritdoc />
        public void Show(StatusLedPattern pattern)
        {
            if (ThrowOnShow)
            {
                throw new InvalidOperationException("LED pin driver failed");
            }

            Pattern = pattern;
        }

        /// <summary>Releases the (imaginary) pin.</summary>
        public void Dispose()
        {
            IsDisposed = true;
        }
    }
}
