using System.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// EDGENF016: inside a [HotPath] method (or a method of a [HotPath] type) the gate rejects what
    /// allocates on nanoCLR: string literals (a new string per ldstr), concatenation, interpolation,
    /// boxing, ToString and new. The same code outside the hot path, on an error path, in a
    /// constructor, or written without allocation passes.
    /// </summary>
    public sealed class HotPathAllocationTests : IClassFixture<NanoGateFixture>
    {
        private const string Attribute = @"
namespace Edge.Core
{
    [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Method | System.AttributeTargets.Property, Inherited = false)]
    public sealed class HotPathAttribute : System.Attribute
    {
    }
}
";

        private readonly NanoGateFixture _gate;

        public HotPathAllocationTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Theory]
        [InlineData("string literal", "byte[] M(JsonWriter w) { w.Name(\"bootId\"); return null; }")]
        [InlineData("string constant", "void M(JsonWriter w) { w.Name(Name); } private const string Name = \"seq\";")]
        [InlineData("concatenation", "string M(string topic) { return topic + _suffix; }")]
        [InlineData("compound concatenation", "void M(string part) { _text += part; }")]
        [InlineData("interpolation", "string M(int v) { return $\"{_suffix}{_suffix}\"; }")]
        [InlineData("boxing", "object M(int seq) { return seq; }")]
        [InlineData("boxing an enum", "System.Enum M(System.DayOfWeek day) { return day; }")]
        [InlineData("ToString", "int M(long seq) { return seq.ToString().Length; }")]
        [InlineData("string method", "int M(string s) { return s.Substring(1).Length; }")]
        [InlineData("new object", "object M() { return new JsonWriter(); }")]
        [InlineData("new array", "int M(int n) { return new int[n].Length; }")]
        [InlineData("lambda", "System.Threading.ThreadStart M() { return () => { _text = _suffix; }; }")]
        public void AllocationInAMarkedMethodFails(string what, string method)
        {
            GateResult result = Compile("[Edge.Core.HotPath] " + method);

            Assert.True(result.HasError("EDGENF016"), what + ":\n" + result);
            Assert.All(result.Errors, d => Assert.Equal("EDGENF016", d.Id));
        }

        [Fact]
        public void AMarkedTypeCoversItsMethodsAndAccessors()
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, new GateSource("HotPath.cs", Attribute), Snippet.File(@"
namespace Snippets
{
    [Edge.Core.HotPath]
    public sealed class Encoder
    {
        public string Kind => ""pulse"";

        public object Box(int value)
        {
            return value;
        }
    }
}"));

            Assert.Equal(2, result.Errors.Count(d => d.Id == "EDGENF016"));
        }

        [Theory]
        [InlineData("unmarked method", "string M(int v) { return \"v=\" + v.ToString(); }")]
        [InlineData("static readonly bytes", "[Edge.Core.HotPath] void M(JsonWriter w) { w.Name(s_bootId); }")]
        [InlineData("integers and structs", "[Edge.Core.HotPath] long M(long seq) { System.TimeSpan t = new System.TimeSpan(seq); return t.Ticks + seq * 2; }")]
        [InlineData("error path", "[Edge.Core.HotPath] void M(int v) { if (v < 0) { throw new System.ArgumentOutOfRangeException(nameof(v), \"negative \" + v.ToString()); } }")]
        [InlineData("catch clause", "[Edge.Core.HotPath] void M(JsonWriter w) { try { w.Name(s_bootId); } catch (System.Exception ex) { _text = \"failed: \" + ex.Message; } }")]
        [InlineData("existing string", "[Edge.Core.HotPath] void M(JsonWriter w) { w.Name(_suffix); }")]
        public void LegalCodePasses(string what, string method)
        {
            GateResult result = Compile(method);

            Assert.True(result.Problems.IsEmpty, what + ":\n" + result);
        }

        [Fact]
        public void ConstructorsOfAMarkedTypeMayAllocate()
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, new GateSource("HotPath.cs", Attribute), Snippet.File(@"
namespace Snippets
{
    [Edge.Core.HotPath]
    public sealed class Publisher
    {
        private readonly byte[] _scratch = new byte[64];
        private readonly string _name;

        public Publisher(int id)
        {
            _name = ""edge-"" + id.ToString();
        }

        public int Length => _scratch.Length + _name.Length;
    }
}"));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        private GateResult Compile(string method)
        {
            string members = @"
        private static readonly byte[] s_bootId = new byte[] { 98, 111, 111, 116 };
        private string _suffix = string.Empty;
        private string _text = string.Empty;
        " + method;
            GateSource subject = Snippet.Members(members);
            GateSource writer = new GateSource("JsonWriter.cs", @"
namespace Snippets
{
    public sealed class JsonWriter
    {
        public void Name(string name) { }

        public void Name(byte[] name) { }
    }
}");
            return _gate.Compile(NanoGateFixture.CoreSurfaces, new GateSource("HotPath.cs", Attribute), writer, subject);
        }
    }
}
