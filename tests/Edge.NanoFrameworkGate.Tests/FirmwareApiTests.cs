using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Firmware-side APIs: the surface mirrors real overload sets (M2Mqtt's Publish), and a
    /// positive control proves the gate accepts the allowed subset instead of failing everything.
    /// </summary>
    public sealed class FirmwareApiTests : IClassFixture<NanoGateFixture>
    {
        private const string MqttUsings = "using System;\nusing System.Collections;\nusing nanoFramework.M2Mqtt;\nusing nanoFramework.M2Mqtt.Messages;";

        private readonly NanoGateFixture _gate;

        public FirmwareApiTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Fact]
        public void PublishWithQosAndRetainButNoContentTypeFails()
        {
            GateResult result = _gate.Compile(
                _gate.SurfaceNames,
                Snippet.Members("ushort M(MqttClient client, string topic, byte[] bytes) { return client.Publish(topic, bytes, MqttQoSLevel.AtLeastOnce, false); }", MqttUsings));

            Assert.True(result.HasError("CS1503"), result.ToString());
        }

        [Fact]
        public void PublishSixArgumentOverloadCompiles()
        {
            GateResult result = _gate.Compile(
                _gate.SurfaceNames,
                Snippet.Members("ushort M(MqttClient client, string topic, byte[] bytes) { return client.Publish(topic, bytes, null, null, MqttQoSLevel.AtLeastOnce, false); }", MqttUsings));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void MqttClientNeedsItsPackage()
        {
            GateResult result = _gate.Compile(
                NanoGateFixture.CoreSurfaces,
                Snippet.Members("object M() { return new MqttClient(\"broker\"); }", MqttUsings));

            Assert.True(result.HasError("CS0234") || result.HasError("CS0246"), result.ToString());
        }

        [Fact]
        public void PositiveControlCompilesCleanly()
        {
            const string members = @"
        private readonly ArrayList _items = new ArrayList();
        private int _state;

        public string Run(int voltageMv, double ratio)
        {
            _items.Add(voltageMv);
            ThreadStart work = () => { _state = _items.Count; };
            var thread = new System.Threading.Thread(work);
            thread.Start();
            thread.Join();
            double root = Math.Sqrt(ratio) + Math.Abs(-voltageMv);
            string mode = _state switch
            {
                0 => ""idle"",
                1 => ""one"",
                _ => ""many"",
            };
            string time = $""{DateTime.UtcNow:HH:mm} {(int)DateTime.UtcNow.DayOfWeek}"";
            return string.Format(""{0:D4} {1,8:F2} {2} {{{3:X4}}}"", voltageMv, root, mode, _state) + $"" {ratio:F1} {time}"";
        }";
            GateResult result = _gate.Compile(
                NanoGateFixture.CoreSurfaces,
                Snippet.Members(members, "using System;\nusing System.Collections;\nusing System.Threading;"));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void GenericNameInDocumentationCrefIsNotCode()
        {
            GateResult result = _gate.Compile(
                NanoGateFixture.CoreSurfaces,
                Snippet.Members("/// <summary>Unlike <see cref=\"Action{T}\"/>, runs on the device.</summary>\n        public void M() { }"));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void TestFrameworkSurfaceCompilesAnOnDeviceTest()
        {
            const string source = @"using System;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    [TestClass]
    public class SampleTests
    {
        private static int s_value;

        [Setup]
        public void Setup() { s_value = 2; }

        [TestMethod]
        [DataRow(1, 2)]
        public void Adds(int a, int b)
        {
            Assert.AreEqual(a + b, s_value + 1);
            Assert.ThrowsException(typeof(ArgumentException), () => { throw new ArgumentException(); });
            OutputHelper.WriteLine(""done"");
        }
    }
}";
            GateResult result = _gate.Compile(new[] { "mscorlib", "nanoFramework.TestFramework" }, Snippet.File(source));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void AssertAreEqualHasNoToleranceOverload()
        {
            GateResult result = _gate.Compile(
                new[] { "mscorlib", "nanoFramework.TestFramework" },
                Snippet.Members("void M() { nanoFramework.TestFramework.Assert.AreEqual(1.0, 1.0, 0.01); }"));

            Assert.False(result.Errors.IsEmpty, result.ToString());
            Assert.Contains(result.Errors, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal));
        }
    }
}
