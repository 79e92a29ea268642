using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Edge.NanoFrameworkSubset.Analyzer
{
    /// <summary>
    /// Reports C# constructs that compile against nanoFramework's API surface but that the stable
    /// nanoFramework toolchain or runtime cannot handle. The API surface itself (what types and
    /// members exist) is enforced by compiling against the reference assemblies; this analyzer
    /// covers the language subset, which no reference assembly can express.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoFrameworkSubsetAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> s_rules = ImmutableArray.Create(
            SubsetRules.GenericDeclaration,
            SubsetRules.GenericUse,
            SubsetRules.Tuple,
            SubsetRules.Record,
            SubsetRules.AsyncAwait,
            SubsetRules.Iterator,
            SubsetRules.NullableValueType,
            SubsetRules.Decimal,
            SubsetRules.MultiDimensionalArray,
            SubsetRules.LinqQuery,
            SubsetRules.Dynamic,
            SubsetRules.UnsafeOrSpan,
            SubsetRules.MathIntegerWidening,
            SubsetRules.NumericFormat,
            SubsetRules.EnumToString,
            SubsetRules.HotPathAllocation);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => s_rules;

        public override void Initialize(AnalysisContext context)
        {
            // Generated files are part of what the device runs, so they are checked too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();

            context.RegisterSyntaxNodeAction(AnalyzeTypeParameterList, SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(AnalyzeGenericName, SyntaxKind.GenericName);
            context.RegisterSyntaxNodeAction(AnalyzeImplicitType, SyntaxKind.IdentifierName);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeTuple, SyntaxKind.TupleType, SyntaxKind.TupleExpression, SyntaxKind.ParenthesizedVariableDesignation);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeAwait, SyntaxKind.AwaitExpression);
            context.RegisterSyntaxNodeAction(
                SyntaxSubsetChecks.AnalyzeAsyncModifier,
                SyntaxKind.MethodDeclaration,
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.SimpleLambdaExpression,
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.AnonymousMethodExpression);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeYield, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeNullableType, SyntaxKind.NullableType);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeDecimalKeyword, SyntaxKind.PredefinedType);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeNumericLiteral, SyntaxKind.NumericLiteralExpression);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeArrayRank, SyntaxKind.ArrayRankSpecifier);
            context.RegisterSyntaxNodeAction(SyntaxSubsetChecks.AnalyzeQuery, SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(
                SyntaxSubsetChecks.AnalyzeUnsafe,
                SyntaxKind.StackAllocArrayCreationExpression,
                SyntaxKind.ImplicitStackAllocArrayCreationExpression,
                SyntaxKind.UnsafeStatement,
                SyntaxKind.FixedStatement,
                SyntaxKind.PointerType,
                SyntaxKind.FunctionPointerType);
            context.RegisterSyntaxTreeAction(SyntaxSubsetChecks.AnalyzeUnsafeModifiers);
            context.RegisterSyntaxNodeAction(AnalyzeInterpolation, SyntaxKind.Interpolation);

            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(AnalyzeMethodReference, OperationKind.MethodReference);
            context.RegisterOperationAction(AnalyzeConditionalAccess, OperationKind.ConditionalAccess);
            context.RegisterOperationAction(AnalyzeStringConcatenation, OperationKind.Binary);

            HotPathAllocationCheck.Register(context);
        }

        private static void AnalyzeTypeParameterList(SyntaxNodeAnalysisContext context)
        {
            SyntaxNode owner = context.Node.Parent;
            string what;
            switch (owner)
            {
                case TypeDeclarationSyntax type:
                    what = type.Keyword.ValueText + " '" + type.Identifier.ValueText + context.Node + "'";
                    break;
                case DelegateDeclarationSyntax del:
                    what = "delegate '" + del.Identifier.ValueText + context.Node + "'";
                    break;
                case MethodDeclarationSyntax method:
                    what = "method '" + method.Identifier.ValueText + context.Node + "'";
                    break;
                case LocalFunctionStatementSyntax local:
                    what = "local function '" + local.Identifier.ValueText + context.Node + "'";
                    break;
                default:
                    what = "'" + context.Node + "'";
                    break;
            }

            Report(context, SubsetRules.GenericDeclaration, context.Node, what);
        }

        private static void AnalyzeGenericName(SyntaxNodeAnalysisContext context)
        {
            var name = (GenericNameSyntax)context.Node;
            if (name.IsPartOfStructuredTrivia())
            {
                // A cref in a documentation comment is not code.
                return;
            }

            string identifier = name.Identifier.ValueText;
            if (identifier == "Span" || identifier == "ReadOnlySpan" || identifier == "Memory" || identifier == "ReadOnlyMemory")
            {
                Report(context, SubsetRules.UnsafeOrSpan, name, "'" + name + "'");
            }

            ISymbol symbol = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
            string kind = symbol is IMethodSymbol ? "method" : symbol is INamedTypeSymbol named && named.TypeKind == TypeKind.Delegate ? "delegate" : "type";
            Report(context, SubsetRules.GenericUse, name, kind + " '" + name + "'");
        }

        // `var x = ...` can hide a generic (or nullable, tuple) type that never appears in source.
        private static void AnalyzeImplicitType(SyntaxNodeAnalysisContext context)
        {
            var name = (IdentifierNameSyntax)context.Node;
            if (!name.IsVar && name.Identifier.ValueText != "dynamic")
            {
                return;
            }

            ITypeSymbol type = context.SemanticModel.GetTypeInfo(name, context.CancellationToken).Type;
            if (type == null)
            {
                return;
            }

            if (type.TypeKind == TypeKind.Dynamic)
            {
                Report(context, SubsetRules.Dynamic, name, "'" + name + "'");
                return;
            }

            if (name.IsVar && type is INamedTypeSymbol named && named.IsGenericType && named.TypeKind != TypeKind.Error)
            {
                Report(context, SubsetRules.GenericUse, name, "type '" + named.ToDisplayString() + "' (inferred by var)");
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.IsGenericMethod && !HasExplicitTypeArguments(invocation.Syntax))
            {
                Report(context, SubsetRules.GenericUse, invocation.Syntax, "method '" + method.ToDisplayString() + "' (type arguments inferred)");
            }

            NumericFormatCheck.AnalyzeInvocation(context, invocation);

            if (method.Name == "ToString" && invocation.Instance != null && IsEnum(NumericFormatCheck.Unconverted(invocation.Instance).Type))
            {
                Report(context, SubsetRules.EnumToString, invocation.Syntax, NumericFormatCheck.Unconverted(invocation.Instance).Type.Name, "ToString()");
            }

            if (method.ContainingType != null && method.ContainingType.ToDisplayString() == "System.Math")
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Value is IConversionOperation conversion && conversion.IsImplicit && IsLossyToFloatingPoint(conversion))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            SubsetRules.MathIntegerWidening,
                            argument.Syntax.GetLocation(),
                            conversion.Operand.Type.ToDisplayString(),
                            method.Name,
                            conversion.Type.ToDisplayString()));
                    }
                }
            }
        }

        private static void AnalyzeInterpolation(SyntaxNodeAnalysisContext context)
        {
            var interpolation = (InterpolationSyntax)context.Node;

            ITypeSymbol type = context.SemanticModel.GetTypeInfo(interpolation.Expression, context.CancellationToken).Type;
            if (IsEnum(type))
            {
                Report(context, SubsetRules.EnumToString, interpolation, type.Name, "interpolation");
                return;
            }

            if (interpolation.FormatClause == null)
            {
                return;
            }

            string format = interpolation.FormatClause.FormatStringToken.ValueText;
            if (NumericFormatCheck.IsNumeric(type) && !NumericFormatCheck.IsSupported(format))
            {
                Report(context, SubsetRules.NumericFormat, interpolation.FormatClause, format);
            }
        }

        private static void AnalyzeMethodReference(OperationAnalysisContext context)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            if (reference.Method.IsGenericMethod && !HasExplicitTypeArguments(reference.Syntax))
            {
                Report(context, SubsetRules.GenericUse, reference.Syntax, "method '" + reference.Method.ToDisplayString() + "' (type arguments inferred)");
            }
        }

        // `a?.Length` on a value-typed member silently produces a nullable value type.
        private static void AnalyzeConditionalAccess(OperationAnalysisContext context)
        {
            ITypeSymbol type = context.Operation.Type;
            if (type != null && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                Report(context, SubsetRules.NullableValueType, context.Operation.Syntax, "'" + type.ToDisplayString() + "' (result of ?.)");
            }
        }

        private static void AnalyzeStringConcatenation(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind != BinaryOperatorKind.Add || binary.Type == null || binary.Type.SpecialType != SpecialType.System_String)
            {
                return;
            }

            foreach (IOperation operand in new[] { binary.LeftOperand, binary.RightOperand })
            {
                ITypeSymbol type = NumericFormatCheck.Unconverted(operand).Type;
                if (IsEnum(type))
                {
                    Report(context, SubsetRules.EnumToString, operand.Syntax, type.Name, "string concatenation");
                }
            }
        }

        private static bool IsEnum(ITypeSymbol type)
        {
            return type != null && (type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_Enum);
        }

        private static bool IsLossyToFloatingPoint(IConversionOperation conversion)
        {
            ITypeSymbol from = conversion.Operand.Type;
            ITypeSymbol to = conversion.Type;
            if (from == null || to == null)
            {
                return false;
            }

            bool toFloating = to.SpecialType == SpecialType.System_Single || to.SpecialType == SpecialType.System_Double;
            bool fromWide = from.SpecialType == SpecialType.System_Int64
                || from.SpecialType == SpecialType.System_UInt64
                || from.SpecialType == SpecialType.System_UInt32;
            return toFloating && fromWide;
        }

        // Explicit type arguments (`Foo<int>(...)`) are already reported on the generic name.
        private static bool HasExplicitTypeArguments(SyntaxNode syntax)
        {
            SyntaxNode target = syntax is InvocationExpressionSyntax invocation ? invocation.Expression : syntax;
            switch (target)
            {
                case GenericNameSyntax _:
                    return true;
                case MemberAccessExpressionSyntax access:
                    return access.Name is GenericNameSyntax;
                case MemberBindingExpressionSyntax binding:
                    return binding.Name is GenericNameSyntax;
                default:
                    return false;
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

        private static void Report(OperationAnalysisContext context, DiagnosticDescriptor rule, SyntaxNode node, params object[] args)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), args));
        }
    }
}
