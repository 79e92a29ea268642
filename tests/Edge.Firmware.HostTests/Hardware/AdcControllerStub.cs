// Licensed under the MIT License.

namespace System.Device.Adc
{
    /// <summary>
    /// A stand-in for nanoFramework's System.Device.Adc with the two members Esp32AnalogInputs uses, so that class
    /// (device-bound, otherwise left out here) compiles and runs on .NET. A channel reads 1000 + its number, so a
    /// reading says which channel it came from; one never opened cannot be read.
    /// </summary>
    public class AdcController
    {
        public Collections.Generic.List<int> Opened { get; } = new Collections.Generic.List<int>();

        public AdcChannel OpenChannel(int channelNumber)
        {
            Opened.Add(channelNumber);
            return new AdcChannel(channelNumber);
        }
    }

    public class AdcChannel : IDisposable
    {
        private readonly int _number;

        public AdcChannel(int number) => _number = number;

        public int ReadValue() => 1000 + _number;

        public void Dispose()
        {
        }
    }
}
