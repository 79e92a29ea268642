using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.NanoFrameworkGate.Tests.AssemblySize;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Every assembly deployed to the device fits nanoFramework's 64 KB of byte code and 64 KB of string table
    /// per assembly. The core outgrew the first as one assembly (firmware/Edge.Core/README.md, "Three
    /// assemblies"); nothing on .NET shows it, only the metadata processor of the device build does. The byte
    /// code is worked out from the IL as the metadata processor writes it (<see cref="ByteCodeSize"/>): it matched
    /// the metadata processor's own byte code table of every device assembly, Debug and Release, to the byte.
    /// </summary>
    public sealed class DeviceAssemblySizeTests : IClassFixture<NanoGateFixture>
    {
        private static readonly string[] DeviceAssemblyNames =
        {
            "Edge.Core", "Edge.Core.Boards", "Edge.Core.Messaging", "Edge.Firmware", "Edge.Firmware.App",
            "NFUnitTest (Edge.Firmware.Tests)", "NFUnitTest (Edge.Firmware.ServiceTests)",
            "NFUnitTest (Edge.Firmware.PersistenceTests)", "Edge.DeviceCost.Nano",
        };

        private readonly NanoGateFixture _gate;
        private readonly ITestOutputHelper _output;

        public DeviceAssemblySizeTests(NanoGateFixture gate, ITestOutputHelper output)
        {
            _gate = gate;
            _output = output;
        }

        [Fact]
        public void EveryDeviceAssemblyFitsTheByteCodeAndStringTableLimits()
        {
            IReadOnlyDictionary<string, byte[]> assemblies = NanoGateFixture.DeviceAssemblies();

            // The check must see every assembly that goes to the device, or it would pass vacuously.
            Assert.Equal(DeviceAssemblyNames.OrderBy(n => n, System.StringComparer.Ordinal), assemblies.Keys.OrderBy(n => n, System.StringComparer.Ordinal));
            foreach (string line in DeviceAssemblyLimits.Figures(assemblies))
            {
                _output.WriteLine(line);
            }

            IReadOnlyList<string> violations = DeviceAssemblyLimits.Violations(assemblies);
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

            // No operand here is a token, a long branch or a switch, so the byte code is the IL.
            Assert.Equal(70020, ByteCodeSize.IlBytes(big));
            Assert.Equal(70020, ByteCodeSize.NanoByteCodeBytes(big));
            IReadOnlyList<string> violations = DeviceAssemblyLimits.Violations(new Dictionary<string, byte[]> { ["Big"] = big, ["Small"] = small });
            Assert.Equal(
                new[] { "Big: 70,020 bytes of byte code, over nanoFramework's 65,535 bytes of byte code per assembly: the device build would fail (split the assembly)" },
                violations);
        }

        [Fact]
        public void AnAssemblyOverTheLimitInIlButNotInByteCodeFits()
        {
            // Nine methods of 1,000 statements "x = G(x);": ldarg.0 (1), call (1 + a 4-byte token), starg.s 0 (2)
            // make 8 bytes of IL and 6 of byte code a statement; "return x;" adds ldarg.0, ret; G is ldarg.0, ret.
            // IL: 9 * (8,000 + 2) + 2 = 72,020 bytes, over the limit; byte code: 9 * (6,000 + 2) + 2 = 54,020, under it.
            // The device build takes it, so the check must too (it judged the IL until the Debug build of Edge.Core
            // reached 94 % of the limit in IL with 77 % in byte code).
            var source = new StringBuilder("public static class Calls { public static int G(int x) { return x; }");
            for (int m = 0; m < 9; m++)
            {
                source.Append(" public static int M").Append(m).Append("(int x) {");
                for (int i = 0; i < 1000; i++)
                {
                    source.Append(" x = G(x);");
                }

                source.Append(" return x; }");
            }

            source.Append(" }");
            byte[] calls = Compile("Calls", source.ToString());

            Assert.Equal(72020, ByteCodeSize.IlBytes(calls));
            Assert.Equal(54020, ByteCodeSize.NanoByteCodeBytes(calls));
            Assert.Empty(DeviceAssemblyLimits.Violations(new Dictionary<string, byte[]> { ["Calls"] = calls }));
        }

        [Fact]
        public void CountsByteCodeAsTheMetadataProcessorWritesIt()
        {
            // Release code by hand, IL first (which checks the compiler's output is the one counted), then what the
            // metadata processor's CodeWriter writes: tokens and long branches in 2 bytes, a switch's count in 1 and
            // its targets in 2, and each exception handler in 12 bytes after the code, with a count byte.
            // The implicit constructor: ldarg.0, call (1 + 4-byte token), ret is 7 bytes of IL, 5 of byte code; F: ldc.i4.1, ret.
            byte[] constructor = Compile("WithConstructor", "public class One { public static int F() { return 1; } }");
            Assert.Equal(9, ByteCodeSize.IlBytes(constructor));
            Assert.Equal(7, ByteCodeSize.NanoByteCodeBytes(constructor));

            // ldstr (1 + 4-byte token), ret: 6 bytes of IL, 4 of byte code.
            byte[] literal = Compile("Literal", "public static class Text { public static string F() { return \"x\"; } }");
            Assert.Equal(6, ByteCodeSize.IlBytes(literal));
            Assert.Equal(4, ByteCodeSize.NanoByteCodeBytes(literal));

            // ldarg.0 (1); switch with 3 targets (1 + 4 + 3 * 4 = 17); br.s to the default (2); four times ldc.i4.N, ret (8):
            // 28 bytes of IL. The switch becomes 1 + 1 + 3 * 2 = 8: 19 bytes of byte code.
            byte[] table = Compile("Table", "public static class Table { public static int F(int x) { switch (x) { case 0: return 5; case 1: return 6; case 2: return 7; } return 0; } }");
            Assert.Equal(28, ByteCodeSize.IlBytes(table));
            Assert.Equal(19, ByteCodeSize.NanoByteCodeBytes(table));

            // try: ldarg.0, ldc.i4.1, add, starg.s 0 (5), leave.s (2); finally: ldarg.0, ldc.i4.2, mul, starg.s 0 (5),
            // endfinally (1); ldarg.0, ret (2): 15 bytes of IL, no token. One handler: 12 bytes and the count: 28.
            byte[] guarded = Compile("Guarded", "public static class Guarded { public static int F(int x) { try { x = x + 1; } finally { x = x * 2; } return x; } }");
            Assert.Equal(15, ByteCodeSize.IlBytes(guarded));
            Assert.Equal(28, ByteCodeSize.NanoByteCodeBytes(guarded));
        }

        [Fact]
        public void LiteralsCountAsUtf8WithTheirTerminator()
        {
            // "abc" is 3 bytes and a zero; the second "abc" is the same literal; "\u00e9t\u00e9" is 2 + 1 + 2 bytes
            // and a zero; "\u2265" (a BMP character above U+07FF) is 3 bytes in UTF-8 and a zero, more than UTF-16's 2;
            // "" is the zero alone.
            byte[] image = Compile(
                "Literals",
                "public static class Texts { public static string A() { return \"abc\"; } public static string B() { return \"abc\"; } "
                + "public static string C() { return \"\u00e9t\u00e9\"; } public static string D() { return \"\u2265\"; } "
                + "public static string E() { return \"\"; } }");

            Assert.Equal(4 + 6 + 4 + 1, StringTableSize.LiteralBytes(image));
            Assert.Equal(0, StringTableSize.LiteralBytes(Compile("NoLiterals", "public static class One { public static int F() { return 1; } }")));
        }

        [Fact]
        public void AnAssemblyWithTooManyStringsIsNamedWithItsSize()
        {
            // 70 distinct literals of 1,000 ASCII characters: 70 * 1,001 = 70,070 bytes of literals alone.
            var source = new StringBuilder("public static class Messages {");
            for (int m = 0; m < 70; m++)
            {
                source.Append(" public static string M").Append(m).Append("() { return \"").Append((char)('A' + (m % 26))).Append(m.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).Append(new string('x', 996)).Append("\"; }");
            }

            source.Append(" }");
            byte[] image = Compile("Messages", source.ToString());

            Assert.Equal(70070, StringTableSize.LiteralBytes(image));
            int bound = StringTableSize.UpperBoundBytes(image);
            Assert.True(bound > 70070, "the name heap adds to the literals");
            Assert.Equal(
                new[] { "Messages: " + bound.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes of names and literals, over nanoFramework's 65,535 bytes of string table per assembly: the device build would fail (split the assembly)" },
                DeviceAssemblyLimits.Violations(new Dictionary<string, byte[]> { ["Messages"] = image }));
        }

        private byte[] Compile(string name, string text)
        {
            return _gate.Emit(name, NanoGateFixture.CoreSurfaces, new[] { new GateSource(name + ".cs", text) }, OptimizationLevel.Release);
        }
    }
}
