using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.NanoFrameworkGate.Tests.AssemblySize;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Every assembly deployed to the device fits nanoFramework's 64 KB of byte code per assembly. The core
    /// outgrew it as one assembly (firmware/Edge.Core/README.md, "Three assemblies"); nothing on .NET shows it,
    /// only the metadata processor of the device build does.
    /// </summary>
    public sealed class DeviceAssemblySizeTests : IClassFixture<NanoGateFixture>
    {
        private static readonly string[] DeviceAssemblyNames =
        {
            "Edge.Core", "Edge.Core.Boards", "Edge.Core.Messaging", "Edge.Firmware", "Edge.Firmware.App", "NFUnitTest", "Edge.DeviceCost.Nano",
        };

        private readonly NanoGateFixture _gate;

        public DeviceAssemblySizeTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Fact]
        public void EveryDeviceAssemblyFitsTheByteCodeLimit()
        {
            IReadOnlyDictionary<string, byte[]> assemblies = NanoGateFixture.DeviceAssemblies();

            // The check must see every assembly that goes to the device, or it would pass vacuously.
            Assert.Equal(DeviceAssemblyNames.OrderBy(n => n, System.StringComparer.Ordinal), assemblies.Keys.OrderBy(n => n, System.StringComparer.Ordinal));
            IReadOnlyList<string> violations = ByteCodeSize.Violations(assemblies);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [Fact]
        public void CountsTheIlOfEveryMethodBody()
        {
            // Release IL by hand: F is ldc.i4.1, ret (2 bytes); the implicit constructor of the non-static
            // class is ldarg.0, call Object::.ctor (1 + 4-byte token), ret (7 bytes). The static class has none.
            byte[] staticOnly = Compile("StaticOnly", "public static class One { public static int F() { return 1; } }");
            byte[] withConstructor = Compile("WithConstructor", "public class One { public static int F() { return 1; } }");

            Assert.Equal(2, ByteCodeSize.IlBytes(staticOnly));
            Assert.Equal(9, ByteCodeSize.IlBytes(withConstructor));
        }

        [Fact]
        public void AnAssemblyOverTheLimitIsNamedWithItsSize()
        {
            // Ten methods of 1,000 statements "x = x * 3 + 1;": ldarg.0, ldc.i4.3, mul, ldc.i4.1, add (1 byte
            // each) and starg.s 0 (2 bytes) make 7 bytes a statement; "return x;" adds ldarg.0, ret. So
            // 10 * (7,000 + 2) = 70,020 bytes, over the 65,535.
            var source = new StringBuilder("public static class Big {");
            for (int m = 0; m < 10; m++)
            {
                source.Append(" public static int M").Append(m).Append("(int x) {");
                for (int i = 0; i < 1000; i++)
                {
                    source.Append(" x = x * 3 + 1;");
                }

                source.Append(" return x; }");
            }

            source.Append(" }");
            byte[] big = Compile("Big", source.ToString());
            byte[] small = Compile("Small", "public static class One { public static int F() { return 1; } }");

            Assert.Equal(70020, ByteCodeSize.IlBytes(big));
            IReadOnlyList<string> violations = ByteCodeSize.Violations(new Dictionary<string, byte[]> { ["Big"] = big, ["Small"] = small });
            Assert.Equal(
                new[] { "Big: 70,020 bytes of IL, over nanoFramework's 65,535 bytes of byte code per assembly: the device build would fail (split the assembly)" },
                violations);
        }

        private byte[] Compile(string name, string text)
        {
            return _gate.Emit(name, NanoGateFixture.CoreSurfaces, new[] { new GateSource(name + ".cs", text) }, OptimizationLevel.Release);
        }
    }
}
