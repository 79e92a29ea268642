using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Deliberately non-conforming code fails the gate with the diagnostic that names the problem:
    /// CSxxxx where the API surface lacks the member, EDGENFxxx where the language subset is broken.
    /// </summary>
    public sealed class NonConformingSnippetTests : IClassFixture<NanoGateFixture>
    {
        private readonly NanoGateFixture _gate;

        public NonConformingSnippetTests(NanoGateFixture gate)
        {
            _gate = gate;
        }

        [Theory]
        // Generic BCL collections do not exist, and any generic use is rejected on its own.
        [InlineData("CS0234 EDGENF002", "object M() { return new System.Collections.Generic.List<int>(); }")]
        // mscorlib declares Action<T>, but the stable runtime cannot run generics.
        [InlineData("EDGENF002", "void M() { Action<int> a = x => { }; a(1); }")]
        [InlineData("EDGENF002", "void M() { Func<int, int> f = x => x + 1; f(1); }")]
        [InlineData("EDGENF001", "T Echo<T>(T value) { return value; }")]
        [InlineData("EDGENF001 EDGENF002", "T Echo<T>(T value) { return value; } int M() { return Echo(3); }")]
        [InlineData("EDGENF007", "int? M() { return null; }")]
        [InlineData("EDGENF005", "async System.Threading.Tasks.Task M() { }")]
        [InlineData("EDGENF003", "int M() { var t = (1, 2); return t.Item1; }")]
        [InlineData("EDGENF008", "decimal M() { return 1.5m; }")]
        // Multi-dimensional arrays compile; the metadata processor rejects them.
        [InlineData("EDGENF009", "int[,] M() { return new int[2, 2]; }")]
        [InlineData("EDGENF010", "object M(int[] values) { return from v in values select v; }")]
        [InlineData("EDGENF006", "System.Collections.IEnumerable M() { yield return 1; }")]
        [InlineData("EDGENF011", "void M() { dynamic d = 1; }")]
        [InlineData("EDGENF012", "void M() { Span<byte> s = default; }")]
        [InlineData("EDGENF012", "unsafe void M() { byte* p = stackalloc byte[4]; }")]
        [InlineData("CS0117", "string M() { return string.Join(\",\", new string[] { \"a\" }); }")]
        [InlineData("CS1061", "string M() { return \"a\".Replace(\"a\", \"b\"); }")]
        [InlineData("CS0117", "bool M(string s) { return string.IsNullOrWhiteSpace(s); }")]
        [InlineData("CS0117", "DateTime M() { return DateTime.Now; }")]
        [InlineData("CS0117", "string[] M() { return Enum.GetNames(typeof(DayOfWeek)); }")]
        [InlineData("CS1501", "void M() { Console.WriteLine(\"{0}\", 1); }")]
        // Math.Abs has int/float/double overloads only: a long silently binds to Abs(float).
        [InlineData("EDGENF013", "double M() { return Math.Abs(5L); }")]
        [InlineData("EDGENF013", "long M(long a, long b) { return (long)Math.Max(a, b); }")]
        // WaitHandle has WaitOne() and WaitOne(int, bool) only.
        [InlineData("CS7036", "bool M(System.Threading.WaitHandle h) { return h.WaitOne(10); }")]
        // Hashtable is in the separate nanoFramework.System.Collections package.
        [InlineData("CS0234", "object M() { return new System.Collections.Hashtable(); }")]
        public void SnippetFailsAgainstCoreSurface(string expectedIds, string members)
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, Snippet.Members(members));

            AssertFailsWith(result, expectedIds);
        }

        [Theory]
        [InlineData("EDGENF002", "void M() { Action<int> a = x => { }; a(1); }")]
        [InlineData("EDGENF002", "void M(EventHandler<EventArgs> handler) { }")]
        [InlineData("EDGENF013", "double M() { return Math.Abs(5L); }")]
        [InlineData("EDGENF009", "int[,] M() { return new int[2, 2]; }")]
        // Numeric formatting knows D, F, G, N and X only.
        [InlineData("EDGENF014", "string M(double v) { return $\"{v:0.00}\"; }")]
        [InlineData("EDGENF014", "string M(double v) { return string.Format(\"{0:F1} {1:P1}\", v, v); }")]
        [InlineData("EDGENF014", "string M(int v) { return v.ToString(\"E2\"); }")]
        // Enums format as their number on nanoFramework, not their name.
        [InlineData("EDGENF015", "string M(DayOfWeek d) { return d.ToString(); }")]
        [InlineData("EDGENF015", "string M(DayOfWeek d) { return \"day \" + d; }")]
        [InlineData("EDGENF015", "string M(DayOfWeek d) { return $\"day {d}\"; }")]
        [InlineData("EDGENF015", "string M(DayOfWeek d) { return string.Format(\"day {0}\", d); }")]
        public void ApiSurfaceAcceptsItButTheSubsetAnalyzerRejectsIt(string expectedId, string members)
        {
            // The compiler alone is satisfied (mscorlib declares Action<T> and EventHandler<T>,
            // Math.Abs(float) accepts a long): only the subset rule stops it.
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, Snippet.Members(members));

            Assert.All(result.Errors, d => Assert.Equal(expectedId, d.Id));
            AssertFailsWith(result, expectedId);
        }

        [Fact]
        public void UsingSystemLinqFails()
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, Snippet.File("using System.Linq;\nnamespace Snippets { public class Subject { } }"));

            AssertFailsWith(result, "CS0234");
        }

        [Fact]
        public void UserGenericClassFails()
        {
            GateResult result = _gate.Compile(
                NanoGateFixture.CoreSurfaces,
                Snippet.File("namespace Snippets { public class Box<T> { public T Value; } public class User { public Box<int> B; } }"));

            AssertFailsWith(result, "EDGENF001 EDGENF002");
        }

        [Fact]
        public void RecordFailsUnderCSharp8()
        {
            // C# 8 has no records: the declaration does not even parse as one.
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, Snippet.File(RecordSource));

            AssertFailsWith(result, "CS0246");
        }

        [Fact]
        public void RecordIsReportedIfTheLanguageVersionIsEverRaised()
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, new[] { Snippet.File(RecordSource) }, LanguageVersion.Latest);

            AssertFailsWith(result, "EDGENF004");
        }

        [Fact]
        public void MathSqrtFailsWithoutSystemMathPackage()
        {
            GateResult result = _gate.Compile(new[] { "mscorlib" }, Snippet.Members("double M() { return Math.Sqrt(2.0); }"));

            AssertFailsWith(result, "CS0103");
        }

        [Fact]
        public void MathSqrtCompilesWithSystemMathPackage()
        {
            GateResult result = _gate.Compile(NanoGateFixture.CoreSurfaces, Snippet.Members("double M() { return Math.Sqrt(2.0) + Math.Abs(-3) + Math.Abs(-1.5f); }"));

            Assert.True(result.Problems.IsEmpty, result.ToString());
        }

        private const string RecordSource = "namespace Snippets { public record Point(int X, int Y); }";

        private static void AssertFailsWith(GateResult result, string expectedIds)
        {
            Assert.False(result.Errors.IsEmpty, "expected the gate to fail");
            foreach (string id in expectedIds.Split(' '))
            {
                Assert.True(result.HasError(id), "expected " + id + " in:\n" + result);
            }

            // Every subset diagnostic names the construct it rejects.
            foreach (var diagnostic in result.Errors.Where(d => d.Id.StartsWith("EDGENF", System.StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("{0}", diagnostic.GetMessage());
            }
        }
    }
}
