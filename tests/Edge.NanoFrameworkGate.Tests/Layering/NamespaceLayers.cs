using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// One project's namespace layers, bottom to top, and the check that every reference in its sources
    /// goes to its own layer, a lower one, or to an allowed assembly. A namespace Root.X[.Y] belongs to
    /// layer X; the root namespace itself is the layer named <see cref="RootLayer"/>.
    /// </summary>
    public sealed class NamespaceLayers
    {
        /// <summary>The root namespace itself is named by this in an order.</summary>
        public const string RootLayer = "(root)";

        private readonly string[] _allowedAssemblies;
        private readonly string[] _toleratedErrors;

        /// <param name="rootNamespace">The project's root namespace.</param>
        /// <param name="order">Layers bottom to top.</param>
        /// <param name="allowedAssemblies">Assemblies the sources may use besides themselves; null: any.</param>
        /// <param name="toleratedErrors">Compiler error ids that do not stop the check (a source generator's
        /// half of a partial member, which this compilation does not run); the names around them still resolve.</param>
        public NamespaceLayers(string rootNamespace, string[] order, string[] allowedAssemblies, params string[] toleratedErrors)
        {
            RootNamespace = rootNamespace;
            Order = order;
            _allowedAssemblies = allowedAssemblies;
            _toleratedErrors = toleratedErrors;
        }

        public string RootNamespace { get; }

        public string[] Order { get; }

        /// <summary>Compiles with the project's own parse options and nullable context.</summary>
        public CSharpParseOptions ParseOptions { get; set; } = new CSharpParseOptions(LanguageVersion.CSharp8, DocumentationMode.None);

        public NullableContextOptions Nullable { get; set; } = NullableContextOptions.Disable;

        /// <summary>
        /// Compiles the sources against the given references (all of nanoFramework's surface, so that a
        /// reference outside the allowed assemblies resolves and can be named) and returns one line per
        /// violating reference. A source that does not compile is reported too: it cannot be checked.
        /// </summary>
        public IReadOnlyList<string> Check(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            return Violations(sources, references).Select(v => v.ToString()).Distinct().ToList();
        }

        /// <summary>As <see cref="Check"/>, each violation with its parts.</summary>
        public IReadOnlyList<LayeringViolation> Violations(IEnumerable<GateSource> sources, IEnumerable<MetadataReference> references)
        {
            SyntaxTree[] trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToArray();
            CSharpCompilation compilation = CSharpCompilation.Create(
                "LayeringCheck",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: Nullable));

            var violations = new List<LayeringViolation>();
            foreach (Diagnostic error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !_toleratedErrors.Contains(d.Id)))
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

        /// <summary>The layer of a namespace; null for a namespace outside the root.</summary>
        public string LayerOf(string ns)
        {
            if (ns == RootNamespace)
            {
                return RootLayer;
            }

            if (!ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal))
            {
                return null;
            }

            string rest = ns.Substring(RootNamespace.Length + 1);
            int dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest.Substring(0, dot);
        }

        private string Judge(Edge edge)
        {
            if (!edge.TargetInSource)
            {
                return _allowedAssemblies == null || _allowedAssemblies.Contains(edge.TargetAssembly)
                    ? null
                    : "assembly " + edge.TargetAssembly + " is outside " + string.Join(" and ", _allowedAssemblies);
            }

            string from = LayerOf(edge.From);
            string to = LayerOf(edge.TargetNamespace);
            if (from == null || to == null)
            {
                return "namespace outside " + RootNamespace;
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
                    if (type == null || type.IsAnonymousType)
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
            foreach (BaseNamespaceDeclarationSyntax declaration in node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>())
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
