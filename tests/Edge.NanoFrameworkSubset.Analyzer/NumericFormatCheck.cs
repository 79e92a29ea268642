using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Edge.NanoFrameworkSubset.Analyzer
{
    /// <summary>
    /// Checks numeric format strings that are known at compile time: <c>x.ToString("F2")</c> on a
    /// numeric primitive and format items of <c>string.Format</c> with a literal format whose
    /// argument is a numeric primitive. Non-numeric arguments (DateTime, TimeSpan) are left alone,
    /// except enums, which format as numbers on nanoFramework.
    /// </summary>
    internal static class NumericFormatCheck
    {
        private static readonly Regex s_supported = new Regex("^[DdFfGgNnXx][0-9]{0,2}$", RegexOptions.CultureInvariant);

        // Body of a format item: index[,alignment][:format].
        private static readonly Regex s_formatItem = new Regex(@"^\s*(\d+)\s*(?:,\s*-?\d+\s*)?(?::(.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public static bool IsSupported(string format)
        {
            return s_supported.IsMatch(format);
        }

        public static bool IsNumeric(ITypeSymbol type)
        {
            if (type == null)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return true;
                default:
                    return false;
            }
        }

        public static void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "ToString" && invocation.Instance != null && IsNumeric(invocation.Instance.Type))
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter.Type.SpecialType == SpecialType.System_String && argument.Value.ConstantValue.HasValue
                        && argument.Value.ConstantValue.Value is string format && format.Length > 0 && !IsSupported(format))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(SubsetRules.NumericFormat, argument.Syntax.GetLocation(), format));
                    }
                }

                return;
            }

            if (method.Name != "Format" || method.ContainingType.SpecialType != SpecialType.System_String || invocation.Arguments.Length == 0)
            {
                return;
            }

            IOperation formatValue = invocation.Arguments[0].Value;
            if (!formatValue.ConstantValue.HasValue || !(formatValue.ConstantValue.Value is string text))
            {
                return;
            }

            List<IOperation> values = FormatArguments(invocation);
            foreach (IOperation value in values)
            {
                ITypeSymbol type = Unconverted(value).Type;
                if (type != null && type.TypeKind == TypeKind.Enum)
                {
                    context.ReportDiagnostic(Diagnostic.Create(SubsetRules.EnumToString, value.Syntax.GetLocation(), type.Name, "string.Format"));
                }
            }
            foreach (string body in FormatItems(text))
            {
                Match item = s_formatItem.Match(body);
                if (!item.Success || !item.Groups[2].Success)
                {
                    continue;
                }

                int index = int.Parse(item.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                string format = item.Groups[2].Value;
                if (index < values.Count && IsNumeric(Unconverted(values[index]).Type) && !IsSupported(format))
                {
                    context.ReportDiagnostic(Diagnostic.Create(SubsetRules.NumericFormat, invocation.Arguments[0].Syntax.GetLocation(), format));
                }
            }
        }

        private static List<IOperation> FormatArguments(IInvocationOperation invocation)
        {
            var values = new List<IOperation>();
            for (int i = 1; i < invocation.Arguments.Length; i++)
            {
                IOperation value = invocation.Arguments[i].Value;
                if (invocation.Arguments[i].ArgumentKind == ArgumentKind.ParamArray && value is IArrayCreationOperation array && array.Initializer != null)
                {
                    values.AddRange(array.Initializer.ElementValues);
                }
                else
                {
                    values.Add(value);
                }
            }

            return values;
        }

        // Arguments arrive boxed to object; the format applies to the original value's type.
        public static IOperation Unconverted(IOperation value)
        {
            while (value is IConversionOperation conversion && conversion.IsImplicit)
            {
                value = conversion.Operand;
            }

            return value;
        }

        // Bodies of the format items of a composite format string; "{{" and "}}" are literal braces.
        private static IEnumerable<string> FormatItems(string text)
        {
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    i += 2;
                    continue;
                }

                if (c == '{')
                {
                    int end = text.IndexOf('}', i + 1);
                    if (end < 0)
                    {
                        yield break;
                    }

                    yield return text.Substring(i + 1, end - i - 1);
                    i = end + 1;
                    continue;
                }

                i++;
            }
        }
    }
}
