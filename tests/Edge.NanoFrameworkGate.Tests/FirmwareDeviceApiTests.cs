using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Device APIs the firmware calls, checked against the surface of every package it references:
    /// plausible-looking calls that nanoFramework does not have (desktop habits, other packages,
    /// wrong overloads or types) fail, and a firmware-style snippet using the real signatures compiles.
    /// </summary>
    public sealed class FirmwareDeviceApiTests : IClassFixture<NanoGateFixture>
    {
        private const string Usings =
            "using System;\nusing System.Collections;\nusing System.Threading;\nusing System.Device.Adc;\nusing System.Device.Gpio;\n" +
            "using System.Device.Dac;\nusing System.Device.Pwm;\nusing nanoFramework.Hardware.Esp32;\nusing nanoFramework.M2Mqtt;\nusing nanoFramework.M2Mqtt.Messages;\n" +
            "using nanoFramework.Networking;";

        private readonly NanoGateFixture _gate;

        public FirmwareDeviceApiTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Theory]
        // AdcChannel has ReadValue() and ReadRatio() only; volts are the board's conversion.
        [InlineData("CS1061", "double M(AdcChannel channel) { return channel.ReadVoltage(); }")]
        // WifiNetworkHelper lives in nanoFramework.System.Device.Wifi, which the firmware does not use.
        [InlineData("CS0234", "bool M() { return nanoFramework.Networking.WifiNetworkHelper.ConnectDhcp(\"ssid\", \"pw\"); }")]
        // nanoFramework's File has no ReadAllLines (a desktop habit).
        [InlineData("CS0117", "string[] M() { return System.IO.File.ReadAllLines(\"I:\\\\edge.config\"); }")]
        // nor the overwriting Move(source, destination, overwrite): the record store deletes, then moves.
        [InlineData("CS1501", "void M() { System.IO.File.Move(\"I:\\\\a.new\", \"I:\\\\a\", true); }")]
        // nanoFramework's SerialPort has no DiscardInBuffer.
        [InlineData("CS1061", "void M(System.IO.Ports.SerialPort port) { port.DiscardInBuffer(); }")]
        // PwmChannel.CreateFromPin(pin, frequency, duty) has no polarity argument.
        [InlineData("CS1501", "PwmChannel M() { return PwmChannel.CreateFromPin(25, 20000, 0.5, PwmPulsePolarity.ActiveLow); }")]
        // The DAC comes from DacController.GetDefault(); it has no public constructor.
        [InlineData("CS1729", "DacController M() { return new DacController(); }")]
        // DacChannel.WriteValue takes a ushort (the ESP32 uses its low 8 bits).
        [InlineData("CS1503", "void M(DacChannel channel, int code) { channel.WriteValue(code); }")]
        // HighResTimer.GetCurrent() is a ulong of microseconds.
        [InlineData("CS0266", "long M() { return HighResTimer.GetCurrent(); }")]
        // GetMemoryInfo reports uint figures.
        [InlineData("CS1503", "void M() { NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out int total, out int free, out int largest); }")]
        // Connect with a Last Will exists only as the 10-argument overload.
        [InlineData("CS7036", "MqttReasonCode M(MqttClient c) { return c.Connect(\"id\", true, MqttQoSLevel.AtLeastOnce, true, \"edge/x/status\", \"offline\"); }")]
        // Publish(topic, bytes, qos, retain) is not an overload: content type and user properties come first.
        [InlineData("CS1503", "ushort M(MqttClient c, byte[] b) { return c.Publish(\"t\", b, MqttQoSLevel.AtLeastOnce, false); }")]
        // Stopwatch is its own package (nanoFramework.System.Diagnostics.Stopwatch), which the firmware does not reference.
        [InlineData("CS0234", "object M() { return new System.Diagnostics.Stopwatch(); }")]
        public void FirmwareSnippetFailsAgainstTheFirmwareSurfaces(string expectedIds, string members)
        {
            string[] surfaces = _gate.SurfaceNames.Where(n => n != "System.Diagnostics.Stopwatch").ToArray();
            GateResult result = _gate.Compile(surfaces, Snippet.Members(members, Usings));

            Assert.False(result.Errors.IsEmpty, "expected the gate to fail");
            foreach (string id in expectedIds.Split(' '))
            {
                Assert.True(result.HasError(id), "expected " + id + " in:\n" + result);
            }
        }

        [Fact]
        public void FirmwareStyleSnippetWithRealSignaturesCompiles()
        {
            const string members = @"
        private readonly AutoResetEvent _due = new AutoResetEvent(false);
        private int _expirations;

        public uint Run(MqttClient client, byte[] payload)
        {
            AdcController adc = new AdcController();
            AdcChannel channel = adc.OpenChannel(0);
            int counts = channel.ReadValue() + adc.MaxValue;
            GpioController gpio = new GpioController();
            GpioPin pin = gpio.OpenPin(16, PinMode.Output);
            pin.Write(counts > 0 ? PinValue.High : PinValue.Low);
            Configuration.SetPinFunction(25, DeviceFunction.PWM1);
            PwmChannel pwm = PwmChannel.CreateFromPin(25, 20000, 0.5);
            pwm.Start();
            DacChannel dac = DacController.GetDefault().OpenChannel(1);
            dac.WriteValue((ushort)38);
            HighResTimer timer = new HighResTimer();
            timer.OnHighResTimerExpired += (HighResTimer sender, object e) => { Interlocked.Increment(ref _expirations); _due.Set(); };
            timer.StartOnePeriodic(10000UL);
            ulong startUs = HighResTimer.GetCurrent();
            _due.WaitOne();
            Thread.Sleep(new TimeSpan(0, 0, 1));
            bool up = NetworkHelper.SetupAndConnectNetwork(new CancellationTokenSource(30000).Token, true);
            MqttReasonCode code = client.Connect(""edge-0"", null, null, true, MqttQoSLevel.AtLeastOnce, true, ""edge/edge-0/status"", ""offline"", true, (ushort)60);
            client.MqttMsgPublished += (object sender, MqttMsgPublishedEventArgs e) => { };
            client.Publish(""edge/edge-0/status"", payload, null, null, MqttQoSLevel.AtLeastOnce, true);
            client.Subscribe(new string[] { ""edge/edge-0/cmd/#"" }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out uint total, out uint free, out uint largest);
            uint managedFree = nanoFramework.Runtime.Native.GC.Run(false);
            return (uint)(HighResTimer.GetCurrent() - startUs) + free + managedFree + (up && code == MqttReasonCode.Success ? 1u : 0u);
        }";
            GateResult result = _gate.Compile(_gate.SurfaceNames, Snippet.Members(members, Usings));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }
    }
}
