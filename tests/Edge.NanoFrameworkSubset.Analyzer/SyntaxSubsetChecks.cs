using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Edge.NanoFrameworkSubset.Analyzer
{
    /// <summary>
    /// Purely syntactic subset checks (constructs C# 8 accepts but nanoFramework cannot run):
    /// tuples, records, async/await, iterators, nullable value types, decimal, multi-dimensional
    /// arrays, LINQ queries and unsafe code.
    /// </summary>
    internal static class SyntaxSubsetChecks
    {
        public static void AnalyzeTuple(SyntaxNodeAnalysisContext context)
        {
            string what = context.Node.IsKind(SyntaxKind.ParenthesizedVariableDesignation) ? "deconstruction" : "'" + context.Node + "'";
            Report(context, SubsetRules.Tuple, context.Node, what);
        }

        public static void AnalyzeRecord(SyntaxNodeAnalysisContext context)
        {
            var record = (RecordDeclarationSyntax)context.Node;
            Report(context, SubsetRules.Record, record.Identifier, "'" + record.Identifier.ValueText + "'");
        }

        public static void AnalyzeAwait(SyntaxNodeAnalysisContext context)
        {
            Report(context, SubsetRules.AsyncAwait, context.Node, "await");
        }

        public static void AnalyzeAsyncModifier(SyntaxNodeAnalysisContext context)
        {
            SyntaxTokenList modifiers;
            switch (context.Node)
            {
                case MethodDeclarationSyntax method:
                    modifiers = method.Modifiers;
                    break;
                case LocalFunctionStatementSyntax local:
                    modifiers = local.Modifiers;
                    break;
                case AnonymousFunctionExpressionSyntax lambda:
                    modifiers = lambda.Modifiers;
                    break;
                default:
                    return;
            }

            foreach (SyntaxToken modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(context, SubsetRules.AsyncAwait, modifier, "async");
                }
            }
        }

        public static void AnalyzeYield(SyntaxNodeAnalysisContext context)
        {
            string what = context.Node.IsKind(SyntaxKind.YieldReturnStatement) ? "yield return" : "yield break";
            Report(context, SubsetRules.Iterator, context.Node, what);
        }

        public static void AnalyzeNullableType(SyntaxNodeAnalysisContext context)
        {
            var nullable = (NullableTypeSyntax)context.Node;
            ITypeSymbol element = context.SemanticModel.GetTypeInfo(nullable.ElementType, context.CancellationToken).Type;

            // With nullable reference types disabled, `string?` is only a warning; `int?` needs
            // System.Nullable<T>. Unresolved element types are reported too: better loud than blind.
            if (element == null || element.IsValueType || element.TypeKind == TypeKind.Error || element.TypeKind == TypeKind.TypeParameter)
            {
                Report(context, SubsetRules.NullableValueType, nullable, "'" + nullable + "'");
            }
        }

        public static void AnalyzeDecimalKeyword(SyntaxNodeAnalysisContext context)
        {
            var type = (PredefinedTypeSyntax)context.Node;
            if (type.Keyword.IsKind(SyntaxKind.DecimalKeyword))
            {
                Report(context, SubsetRules.Decimal, type, "keyword");
            }
        }

        public static void AnalyzeNumericLiteral(SyntaxNodeAnalysisContext context)
        {
            var literal = (LiteralExpressionSyntax)context.Node;
            if (literal.Token.Value is decimal)
            {
                Report(context, SubsetRules.Decimal, literal, "literal " + literal.Token.Text);
            }
        }

        public static void AnalyzeArrayRank(SyntaxNodeAnalysisContext context)
        {
            var rank = (ArrayRankSpecifierSyntax)context.Node;
            if (rank.Rank > 1)
            {
                Report(context, SubsetRules.MultiDimensionalArray, rank.Parent ?? rank, "'" + (rank.Parent ?? rank) + "'");
            }
        }

        public static void AnalyzeQuery(SyntaxNodeAnalysisContext context)
        {
            Report(context, SubsetRules.LinqQuery, context.Node);
        }

        public static void AnalyzeUnsafe(SyntaxNodeAnalysisContext context)
        {
            string what;
            switch (context.Node.Kind())
            {
                case SyntaxKind.StackAllocArrayCreationExpression:
                case SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                    what = "stackalloc";
                    break;
                case SyntaxKind.UnsafeStatement:
                    what = "unsafe block";
                    break;
                case SyntaxKind.FixedStatement:
                    what = "fixed statement";
                    break;
                default:
                    what = "pointer type '" + context.Node + "'";
                    break;
            }

            Report(context, SubsetRules.UnsafeOrSpan, context.Node, what);
        }

        public static void AnalyzeUnsafeModifiers(SyntaxTreeAnalysisContext context)
        {
            SyntaxNode root = context.Tree.GetRoot(context.CancellationToken);
            foreach (SyntaxToken token in root.DescendantTokens())
            {
                // The `unsafe` keyword as a declaration modifier (an unsafe block is reported above).
                if (token.IsKind(SyntaxKind.UnsafeKeyword) && !(token.Parent is UnsafeStatementSyntax))
                {
                    context.ReportDiagnostic(Diagnostic.Create(SubsetRules.UnsafeOrSpan, token.GetLocation(), "unsafe modifier"));
                }
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxNode node, params object[] args)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), args));
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxToken token, params object[] args)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, token.GetLocation(), args));
        }
    }
}
