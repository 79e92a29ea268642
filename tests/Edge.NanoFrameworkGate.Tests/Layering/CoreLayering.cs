using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The core's layers, bottom to top, and the check that every reference in a core source goes to its
    /// own layer, a lower one, or to mscorlib / System.Math. The flow of a tick runs upwards:
    /// samples, measurement, diagnosis, decision, actuation, telemetry; what every stage shares
    /// (text, timing, the records every stage writes with the enums they carry, configuration with its
    /// enums and the diagnosis table) sits below it, and what drives the whole controller
    /// (commands, the session, <c>EdgeController</c> in the root namespace) sits on top.
    /// </summary>
    public static class CoreLayering
    {
        public const string CoreNamespace = "Edge.Core";

        /// <summary>The root namespace (<c>Edge.Core</c> itself) is named by this in the order.</summary>
        public const string RootLayer = "(root)";

        /// <summary>Bottom to top. A namespace Edge.Core.X[.Y] belongs to layer X.</summary>
        public static readonly string[] Order =
        {
            "Annotations", "Text", "Timing", "Records", "Sampling", "Configuration", "Boards", "Calibration", "Measurement",
            "Diagnosis", "Decision", "Actuation", "Telemetry", RootLayer, "Commands", "Session",
        };

        /// <summary>The only assemblies the core may use besides itself (Edge.Core.nfproj's references).</summary>
        public static readonly string[] AllowedAssemblies = { "mscorlib", "System.Math" };

        /// <summary>
        /// Compiles the sources against the given references (all of nanoFramework's surface, so that a
        /// reference outside the allowed assemblies resolves and can be named) and returns one line per
        /// violating reference. A source that does not compile is reported too: it cannot be checked.
        /// </summary>
        public static IReadOnlyList<string> Check(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            return Violations(sources, references).Select(v => v.ToString()).Distinct().ToList();
        }

        /// <summary>As <see cref="Check"/>, each violation with its parts.</summary>
        public static IReadOnlyList<LayeringViolation> Violations(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp8, DocumentationMode.None);
            SyntaxTree[] trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)).ToArray();
            CSharpCompilation compilation = CSharpCompilation.Create(
                "LayeringCheck",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            var violations = new List<LayeringViolation>();
            foreach (Diagnostic error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                violations.Add(new LayeringViolation(error.Location.GetLineSpan().Path, string.Empty, string.Empty, "does not compile: " + error));
            }

            foreach (Edge edge in Edges(compilation))
            {
                string problem = Judge(edge);
                if (problem != null)
                {
                    violations.Add(new LayeringViolation(edge.Location, edge.From, edge.Target, problem));
                }
            }

            return violations;
        }

        /// <summary>A reference that breaks the layering: where, from which namespace, to which type, and why.</summary>
        public sealed class LayeringViolation
        {
            public LayeringViolation(string location, string from, string target, string problem)
            {
                Location = location;
                From = from;
                Target = target;
                Problem = problem;
            }

            public string Location { get; }

            public string From { get; }

            public string Target { get; }

            public string Problem { get; }

            public override string ToString()
            {
                return From.Length == 0 ? Location + ": " + Problem : Location + ": " + From + " -> " + Target + " (" + Problem + ")";
            }
        }

        /// <summary>The layer of a core namespace; null for a namespace outside the core.</summary>
        public static string LayerOf(string ns)
        {
            if (ns == CoreNamespace)
            {
                return RootLayer;
            }

            if (!ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal))
            {
                return null;
            }

            string rest = ns.Substring(CoreNamespace.Length + 1);
            int dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest.Substring(0, dot);
        }

        private static string Judge(Edge edge)
        {
            if (!edge.TargetInSource)
            {
                return AllowedAssemblies.Contains(edge.TargetAssembly)
                    ? null
                    : "assembly " + edge.TargetAssembly + " is outside mscorlib and System.Math";
            }

            string from = LayerOf(edge.From);
            string to = LayerOf(edge.TargetNamespace);
            if (from == null || to == null)
            {
                return "namespace outside " + CoreNamespace;
            }

            int fromIndex = Array.IndexOf(Order, from);
            int toIndex = Array.IndexOf(Order, to);
            if (fromIndex < 0 || toIndex < 0)
            {
                return "layer " + (fromIndex < 0 ? from : to) + " is not in the layer order";
            }

            return toIndex > fromIndex ? "layer " + from + " uses the higher layer " + to : null;
        }

        private static IEnumerable<Edge> Edges(CSharpCompilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    if (!(node is SimpleNameSyntax))
                    {
                        continue;
                    }

                    ISymbol symbol = model.GetSymbolInfo(node).Symbol;
                    INamedTypeSymbol type = TypeOf(symbol);
                    if (type == null)
                    {
                        continue;
                    }

                    string from = EnclosingNamespace(node);
                    FileLinePositionSpan span = node.GetLocation().GetLineSpan();
                    bool inSource = SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);
                    yield return new Edge(
                        span.Path + ":" + (span.StartLinePosition.Line + 1),
                        from,
                        type.ToDisplayString(),
                        type.ContainingNamespace == null ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                        inSource,
                        type.ContainingAssembly == null ? string.Empty : type.ContainingAssembly.Name);
                }
            }
        }

        /// <summary>The type a name stands for or whose member it names; arrays and pointers to their element.</summary>
        private static INamedTypeSymbol TypeOf(ISymbol symbol)
        {
            while (symbol is IArrayTypeSymbol array)
            {
                symbol = array.ElementType;
            }

            if (symbol is INamedTypeSymbol named)
            {
                return named;
            }

            if (symbol == null || symbol is INamespaceSymbol || symbol is ILocalSymbol || symbol is IParameterSymbol
                || symbol is ITypeParameterSymbol || symbol is ILabelSymbol || symbol is IRangeVariableSymbol)
            {
                return null;
            }

            INamedTypeSymbol containing = symbol.ContainingType;
            while (containing != null && containing.ContainingType != null)
            {
                containing = containing.ContainingType;
            }

            return containing;
        }

        private static string EnclosingNamespace(SyntaxNode node)
        {
            var parts = new List<string>();
            foreach (NamespaceDeclarationSyntax declaration in node.Ancestors().OfType<NamespaceDeclarationSyntax>())
            {
                parts.Insert(0, declaration.Name.ToString());
            }

            return string.Join(".", parts);
        }

        private sealed class Edge
        {
            public Edge(string location, string from, string target, string targetNamespace, bool targetInSource, string targetAssembly)
            {
                Location = location;
                From = from;
                Target = target;
                TargetNamespace = targetNamespace;
                TargetInSource = targetInSource;
                TargetAssembly = targetAssembly;
            }

            public string Location { get; }

            public string From { get; }

            public string Target { get; }

            public string TargetNamespace { get; }

            public bool TargetInSource { get; }

            public string TargetAssembly { get; }
        }
    }
}
