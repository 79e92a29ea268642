using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>Diagnostics of one gate compilation (compiler and subset analyzer together).</summary>
    public sealed class GateResult
    {
        public GateResult(ImmutableArray<Diagnostic> diagnostics)
        {
            Diagnostics = diagnostics;
        }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>What fails a gate build: errors, including warnings promoted to errors.</summary>
        public ImmutableArray<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

        /// <summary>Errors and warnings; a clean gate compilation has none (hidden/info ignored).</summary>
        public ImmutableArray<Diagnostic> Problems => Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        public bool HasError(string id) => Errors.Any(d => d.Id == id);

        public override string ToString() => Diagnostics.Length == 0 ? "(no diagnostics)" : string.Join("\n", Diagnostics.Select(d => d.ToString()));
    }
}
