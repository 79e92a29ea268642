using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// The shared core and representative legal sources pass the gate; the surface is complete
    /// enough to be usable and restricted enough to catch an assembly the core does not reference.
    /// </summary>
    public sealed class CoreGateTests : IClassFixture<NanoGateFixture>
    {
        private readonly NanoGateFixture _gate;

        public CoreGateTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Fact]
        public void EverySurfaceAssemblyIsEmbedded()
        {
            string[] expected =
            {
                "mscorlib", "System.Math", "nanoFramework.Hardware.Esp32", "nanoFramework.M2Mqtt",
                "nanoFramework.M2Mqtt.Core", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native",
                "nanoFramework.System.Collections", "nanoFramework.System.Text", "nanoFramework.TestFramework",
                "System.Device.Adc", "System.Device.Dac", "System.Device.Gpio", "System.Device.Pwm", "System.Diagnostics.Stopwatch",
                "System.IO.Streams", "System.Net", "System.Threading",
                "System.IO.FileSystem", "System.IO.Ports",
            };

            Assert.Equal(expected.OrderBy(n => n), _gate.SurfaceNames.OrderBy(n => n));
        }

        [Fact]
        public void CoreSourcesCompileAgainstMscorlibAndSystemMathOnly()
        {
            GateSource[] core = NanoGateFixture.SourcesUnder("CoreSource/");
            Assert.NotEmpty(core);

            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, core);

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void RepresentativeLegalSourcesCompileCleanly()
        {
            GateSource[] legal = NanoGateFixture.SourcesUnder("Snippets/Legal/");
            Assert.True(legal.Length >= 4, "legal snippet files are embedded");

            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, legal);

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        [Fact]
        public void LegalSourcesFailWithoutSystemMath()
        {
            // Math lives in nanoFramework's System.Math package, not in mscorlib.
            GateResult result = _gate.Compile(new[] { "mscorlib" }, NanoGateFixture.SourcesUnder("Snippets/Legal/"));

            Assert.True(result.HasError("CS0103"), result.ToString());
        }
    }
}
