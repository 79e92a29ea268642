// Reference surface of nanoFramework's System.IO.Ports 1.1.139 (NuGet package nanoFramework.System.IO.Ports).
// Public signatures mirrored from nanoFramework's public repository (System.IO.Ports/SerialPort.cs,
// Parity.cs and StopBits.cs at tag v1.1.139); only the members the firmware uses are declared.
// Bodies are placeholders because this assembly is only ever used as a compile-time reference.

using System;

namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { throw null; }
        public int BytesToRead { get { throw null; } }
        public void Dispose() { throw null; }
        public void Open() { throw null; }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Write(string text) { throw null; }
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }
}
