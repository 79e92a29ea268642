using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Edge.NanoFrameworkSubset.Analyzer
{
    /// <summary>
    /// EDGENF016: no allocation inside hot-path members. A member is on the hot path when it, its
    /// property or event, or any type containing it carries an attribute named <c>HotPath</c>
    /// (<c>HotPathAttribute</c>, in any namespace). Constructors and field initialisers are not
    /// (they run once, at set-up), nor are error paths: code inside a <c>throw</c> or a <c>catch</c>
    /// clause. Flagged: string literals and string constants (each load is a new object on nanoCLR),
    /// string concatenation and interpolation, string-producing calls (ToString, string methods),
    /// boxing conversions, and <c>new</c> of a reference type, an array or a delegate (lambdas included).
    /// </summary>
    internal static class HotPathAllocationCheck
    {
        private const string AttributeName = "HotPathAttribute";

        public static void Register(AnalysisContext context)
        {
            context.RegisterOperationAction(
                AnalyzeStringConstant,
                OperationKind.Literal,
                OperationKind.FieldReference,
                OperationKind.LocalReference,
                OperationKind.NameOf,
                OperationKind.Binary);
            context.RegisterOperationAction(AnalyzeConcatenation, OperationKind.Binary, OperationKind.CompoundAssignment);
            context.RegisterOperationAction(AnalyzeInterpolation, OperationKind.InterpolatedString);
            context.RegisterOperationAction(AnalyzeBoxing, OperationKind.Conversion);
            context.RegisterOperationAction(AnalyzeStringCall, OperationKind.Invocation);
            context.RegisterOperationAction(
                AnalyzeCreation,
                OperationKind.ObjectCreation,
                OperationKind.ArrayCreation,
                OperationKind.DelegateCreation,
                OperationKind.AnonymousObjectCreation,
                OperationKind.TypeParameterObjectCreation);
        }

        private static void AnalyzeStringConstant(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (!IsStringConstant(operation) || IsStringConstant(operation.Parent))
            {
                // Only the outermost constant: "a" + "b" is one ldstr of "ab".
                return;
            }

            Report(context, "String literal " + Shorten(operation.Syntax.ToString()), "nanoCLR creates a new string object on every load (ldstr); use a static readonly field (UTF-8 bytes for JSON names)");
        }

        private static void AnalyzeConcatenation(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (operation.ConstantValue.HasValue || operation.Type == null || operation.Type.SpecialType != SpecialType.System_String)
            {
                return;
            }

            bool isAdd = operation is IBinaryOperation binary ? binary.OperatorKind == BinaryOperatorKind.Add
                : operation is ICompoundAssignmentOperation compound && compound.OperatorKind == BinaryOperatorKind.Add;
            if (isAdd)
            {
                Report(context, "String concatenation", "it builds a new string");
            }
        }

        private static void AnalyzeInterpolation(OperationAnalysisContext context)
        {
            Report(context, "String interpolation", "it builds a new string");
        }

        private static void AnalyzeBoxing(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            ITypeSymbol from = conversion.Operand.Type;
            ITypeSymbol to = conversion.Type;
            if (from == null || to == null || conversion.OperatorMethod != null)
            {
                return;
            }

            bool fromValue = from.IsValueType || (from.TypeKind == TypeKind.TypeParameter && !from.IsReferenceType);
            if (fromValue && to.IsReferenceType)
            {
                Report(context, "Boxing of '" + from.ToDisplayString() + "' to '" + to.ToDisplayString() + "'", "a boxed copy is a new object");
            }
        }

        private static void AnalyzeStringCall(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            bool toString = method.Name == "ToString";
            bool stringProducing = method.ContainingType != null && method.ContainingType.SpecialType == SpecialType.System_String
                && (method.ReturnType.SpecialType == SpecialType.System_String || method.ReturnType is IArrayTypeSymbol);
            if (toString || stringProducing)
            {
                Report(context, "Call to '" + method.ContainingType.Name + "." + method.Name + "'", "it returns a new string");
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            ITypeSymbol type = operation.Type;
            if (operation is IObjectCreationOperation && type != null && type.IsValueType)
            {
                // `new` of a struct lives on the stack or in its container: no heap object.
                return;
            }

            string what = operation is IArrayCreationOperation ? "Array creation"
                : operation is IDelegateCreationOperation ? "Delegate creation"
                : "Creation of '" + (type == null ? "?" : type.ToDisplayString()) + "'";
            Report(context, what, "a new heap object; allocate it once, outside the hot path");
        }

        private static bool IsStringConstant(IOperation operation)
        {
            return operation != null
                && operation.Type != null
                && operation.Type.SpecialType == SpecialType.System_String
                && operation.ConstantValue.HasValue
                && operation.ConstantValue.Value != null;
        }

        private static void Report(OperationAnalysisContext context, string what, string why)
        {
            ISymbol member = HotMember(context.ContainingSymbol);
            if (member == null || IsExempt(context.Operation.Syntax))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(SubsetRules.HotPathAllocation, context.Operation.Syntax.GetLocation(), what, member.Name, why));
        }

        /// <summary>The hot-path member the operation belongs to, or null when it is not on the hot path.</summary>
        private static ISymbol HotMember(ISymbol symbol)
        {
            if (!(symbol is IMethodSymbol method))
            {
                // Field and property initialisers run at construction.
                return null;
            }

            while (method.MethodKind == MethodKind.LambdaMethod || method.MethodKind == MethodKind.LocalFunction)
            {
                if (!(method.ContainingSymbol is IMethodSymbol outer))
                {
                    return null;
                }

                method = outer;
            }

            if (method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor)
            {
                return null;
            }

            if (HasHotPath(method) || (method.AssociatedSymbol != null && HasHotPath(method.AssociatedSymbol)))
            {
                return method;
            }

            for (INamedTypeSymbol type = method.ContainingType; type != null; type = type.ContainingType)
            {
                if (HasHotPath(type))
                {
                    return method;
                }
            }

            return null;
        }

        private static bool HasHotPath(ISymbol symbol)
        {
            return symbol.GetAttributes().Any(a => a.AttributeClass != null && a.AttributeClass.Name == AttributeName);
        }

        // Error paths (throw, catch) run once, not per tick; attribute arguments are metadata, not code.
        private static bool IsExempt(SyntaxNode syntax)
        {
            for (SyntaxNode node = syntax; node != null; node = node.Parent)
            {
                if (node is ThrowStatementSyntax || node is ThrowExpressionSyntax || node is CatchClauseSyntax || node is AttributeSyntax)
                {
                    return true;
                }

                if (node is MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private static string Shorten(string text)
        {
            return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }
    }
}
