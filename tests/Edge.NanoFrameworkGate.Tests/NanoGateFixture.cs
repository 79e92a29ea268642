using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Edge.NanoFrameworkSubset.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// Loads the built nanoFramework reference surface (embedded in this test assembly at build
    /// time) once per test class, and compiles sources against it the way the gate projects do:
    /// NoStdLib, C# 8, warnings as errors, plus the language-subset analyzer.
    /// </summary>
    public sealed class NanoGateFixture
    {
        private const string SurfacePrefix = "NanoSurface/";

        private readonly Dictionary<string, MetadataReference> _surfaces = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);

        public NanoGateFixture()
        {
            Assembly assembly = typeof(NanoGateFixture).Assembly;
            foreach (string resource in assembly.GetManifestResourceNames())
            {
                if (!resource.StartsWith(SurfacePrefix, StringComparison.Ordinal) || !resource.EndsWith(".dll", StringComparison.Ordinal))
                {
                    continue;
                }

                string name = resource.Substring(SurfacePrefix.Length, resource.Length - SurfacePrefix.Length - ".dll".Length);
                _surfaces[name] = MetadataReference.CreateFromImage(ReadBytes(assembly, resource), filePath: name + ".dll");
            }
        }

        /// <summary>Names of the surface assemblies that were built and embedded.</summary>
        public IReadOnlyCollection<string> SurfaceNames => _surfaces.Keys;

        /// <summary>The surface assemblies the shared core may use (those of Edge.Core.nfproj).</summary>
        public static string[] CoreSurfaces => new[] { "mscorlib", "System.Math" };

        /// <summary>The named surface assemblies as compilation references.</summary>
        public MetadataReference[] References(IEnumerable<string> surfaces)
        {
            var references = new List<MetadataReference>();
            foreach (string surface in surfaces)
            {
                if (!_surfaces.TryGetValue(surface, out MetadataReference reference))
                {
                    throw new InvalidOperationException("Surface assembly '" + surface + "' was not embedded in the test assembly.");
                }

                references.Add(reference);
            }

            return references.ToArray();
        }

        /// <summary>Compiles against the named surface assemblies and runs the subset analyzer.</summary>
        public GateResult Compile(IEnumerable<string> surfaces, params GateSource[] sources)
        {
            return Compile(surfaces, sources, LanguageVersion.CSharp8);
        }

        /// <summary>As <see cref="Compile(IEnumerable{string}, GateSource[])"/> with another C# version.</summary>
        public GateResult Compile(IEnumerable<string> surfaces, GateSource[] sources, LanguageVersion languageVersion)
        {
            // Documentation comments are parsed into structured trivia (as with a documentation file) so
            // that crefs are present in the tree; their diagnostics are not reported, as in the gate build.
            var parseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.Parse);
            MetadataReference[] references = References(surfaces);
            IEnumerable<SyntaxTree> trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path));
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error);
            CSharpCompilation compilation = CSharpCompilation.Create("NanoGateSnippet", trees, references, options);

            var analyzerExceptions = new List<Exception>();
            var analyzerOptions = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => analyzerExceptions.Add(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new NanoFrameworkSubsetAnalyzer()),
                analyzerOptions);

            ImmutableArray<Diagnostic> analyzerDiagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            if (analyzerExceptions.Count > 0)
            {
                throw new AggregateException("The subset analyzer threw.", analyzerExceptions);
            }

            // Emit (to memory) so that emit-time errors such as missing compiler-required members count too.
            ImmutableArray<Diagnostic> compilerDiagnostics;
            using (var peStream = new MemoryStream())
            {
                compilerDiagnostics = compilation.Emit(peStream).Diagnostics;
            }

            return new GateResult(compilerDiagnostics.AddRange(analyzerDiagnostics));
        }

        /// <summary>
        /// Compiles against the named surface assemblies (and other images, such as a gate assembly) without
        /// the analyzer and returns the assembly image; throws on a compile error.
        /// </summary>
        public byte[] Emit(string assemblyName, IEnumerable<string> surfaces, GateSource[] sources, OptimizationLevel optimization, params byte[][] otherReferences)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp8);
            IEnumerable<MetadataReference> references = References(surfaces).Concat(otherReferences.Select(image => MetadataReference.CreateFromImage(image)));
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization, nullableContextOptions: NullableContextOptions.Disable);
            CSharpCompilation compilation = CSharpCompilation.Create(
                assemblyName,
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)),
                references,
                options);
            using (var peStream = new MemoryStream())
            {
                var result = compilation.Emit(peStream);
                if (!result.Success)
                {
                    throw new InvalidOperationException(assemblyName + " does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
                }

                return peStream.ToArray();
            }
        }

        /// <summary>The device assemblies the gate built (embedded at build time), by assembly name.</summary>
        public static IReadOnlyDictionary<string, byte[]> DeviceAssemblies()
        {
            const string prefix = "DeviceAssembly/";
            Assembly assembly = typeof(NanoGateFixture).Assembly;
            return assembly.GetManifestResourceNames()
                .Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".dll", StringComparison.Ordinal))
                .ToDictionary(r => DeviceAssemblyName(r.Substring(prefix.Length, r.Length - prefix.Length - ".dll".Length)), r => ReadBytes(assembly, r), StringComparer.Ordinal);
        }

        /// <summary>
        /// "Edge.Core.Gate/Edge.Core" is "Edge.Core"; an assembly named otherwise than its project carries the
        /// project: "Edge.Firmware.Tests.Gate/NFUnitTest" is "NFUnitTest (Edge.Firmware.Tests)", since every
        /// on-device test assembly is named NFUnitTest.
        /// </summary>
        public static string DeviceAssemblyName(string gateProjectAndAssembly)
        {
            int slash = gateProjectAndAssembly.IndexOf('/', StringComparison.Ordinal);
            string project = gateProjectAndAssembly.Substring(0, slash);
            string name = gateProjectAndAssembly.Substring(slash + 1);
            if (project.EndsWith(".Gate", StringComparison.Ordinal))
            {
                project = project.Substring(0, project.Length - ".Gate".Length);
            }

            return project == name ? name : name + " (" + project + ")";
        }

        /// <summary>Reads an embedded text resource of this test assembly (snippets, core sources).</summary>
        public static string ReadText(string resource)
        {
            Assembly assembly = typeof(NanoGateFixture).Assembly;
            using (Stream stream = assembly.GetManifestResourceStream(resource))
            using (var reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        /// <summary>Embedded resources whose name starts with the prefix, as gate sources.</summary>
        public static GateSource[] SourcesUnder(string prefix)
        {
            return typeof(NanoGateFixture).Assembly.GetManifestResourceNames()
                .Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".cs", StringComparison.Ordinal))
                .OrderBy(r => r, StringComparer.Ordinal)
                .Select(r => new GateSource(r, ReadText(r)))
                .ToArray();
        }

        private static byte[] ReadBytes(Assembly assembly, string resource)
        {
            using (Stream stream = assembly.GetManifestResourceStream(resource))
            using (var buffer = new MemoryStream())
            {
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }
        }
    }
}
