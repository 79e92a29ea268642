using Microsoft.CodeAnalysis;

namespace Edge.NanoFrameworkSubset.Analyzer
{
    /// <summary>
    /// Diagnostic descriptors of the nanoFramework language-subset rules. Every rule is an error:
    /// code that breaks one compiles for .NET but fails on the device (metadata processor or nanoCLR).
    /// </summary>
    public static class SubsetRules
    {
        private const string Category = "nanoFramework";

        // The stable nanoCLR cannot resolve generic types or methods (see nanoFramework's
        // "generics" tracking issue); mscorlib 1.17 declares a few generic delegates only for
        // source compatibility, so declaring or using any generic construct is rejected.
        public static readonly DiagnosticDescriptor GenericDeclaration = Create(
            "EDGENF001", "Generic declaration",
            "Generic declaration {0} is not supported by nanoFramework: the stable runtime has no generics");

        public static readonly DiagnosticDescriptor GenericUse = Create(
            "EDGENF002", "Use of a generic type or method",
            "Use of generic {0} is not supported by nanoFramework: the stable runtime has no generics");

        public static readonly DiagnosticDescriptor Tuple = Create(
            "EDGENF003", "Tuple",
            "Tuple {0} is not supported by nanoFramework: there is no System.ValueTuple");

        public static readonly DiagnosticDescriptor Record = Create(
            "EDGENF004", "Record",
            "Record {0} is not supported by nanoFramework: use a class or struct");

        public static readonly DiagnosticDescriptor AsyncAwait = Create(
            "EDGENF005", "async/await",
            "{0} is not supported by nanoFramework: there is no Task or async state machine support");

        public static readonly DiagnosticDescriptor Iterator = Create(
            "EDGENF006", "yield iterator",
            "Iterator '{0}' is not supported by nanoFramework: write an explicit IEnumerator");

        public static readonly DiagnosticDescriptor NullableValueType = Create(
            "EDGENF007", "Nullable value type",
            "Nullable value type {0} is not supported by nanoFramework: there is no System.Nullable<T>");

        public static readonly DiagnosticDescriptor Decimal = Create(
            "EDGENF008", "decimal",
            "decimal ({0}) is not supported by nanoFramework: use integer engineering units or double");

        public static readonly DiagnosticDescriptor MultiDimensionalArray = Create(
            "EDGENF009", "Multi-dimensional array",
            "Multi-dimensional array {0} is rejected by the nanoFramework metadata processor: use a jagged array");

        public static readonly DiagnosticDescriptor LinqQuery = Create(
            "EDGENF010", "LINQ query",
            "LINQ query expression is not supported by nanoFramework: there is no System.Linq");

        public static readonly DiagnosticDescriptor Dynamic = Create(
            "EDGENF011", "dynamic",
            "dynamic ({0}) is not supported by nanoFramework: there is no dynamic binder");

        public static readonly DiagnosticDescriptor UnsafeOrSpan = Create(
            "EDGENF012", "Unsafe code or Span",
            "{0} is not supported by nanoFramework: no unsafe code, stackalloc or Span<T> (SpanByte is the only span)");

        // nanoFramework's System.Math has Abs/Max/Min for int, float and double only: a long (or
        // uint/ulong) argument silently binds to the float overload and loses precision.
        public static readonly DiagnosticDescriptor MathIntegerWidening = Create(
            "EDGENF013", "Integer argument widened to floating point in System.Math",
            "Argument of type '{0}' to Math.{1} is implicitly converted to '{2}': nanoFramework's System.Math has no {0} overload; convert explicitly or use int");

        // nanoFramework's numeric formatting implements the standard specifiers D, F, G, N and X
        // (with an optional precision) and nothing else: no custom patterns such as "0.00", no
        // C/E/P/R. Anything else formats wrongly or throws on the device.
        public static readonly DiagnosticDescriptor NumericFormat = Create(
            "EDGENF014", "Unsupported numeric format",
            "Numeric format \"{0}\" is not supported by nanoFramework: use D, F, G, N or X with an optional precision");

        // On nanoFramework Enum.ToString() yields the underlying number, not the member name, so
        // text built from an enum silently differs from .NET. Cast to int to say what is meant.
        public static readonly DiagnosticDescriptor EnumToString = Create(
            "EDGENF015", "Enum converted to string",
            "Enum '{0}' converted to string ({1}) gives its number on nanoFramework, not its name: convert the (int) value explicitly or map names yourself");

        // nanoCLR allocates a new string object for every string literal it loads (ldstr; .NET interns
        // them), and every concatenation, interpolation, boxing, ToString or `new` allocates too. A
        // method marked [HotPath] (or in a type marked so) runs every tick or every published message
        // and must allocate nothing in steady state; error paths (throw, catch) are exempt.
        public static readonly DiagnosticDescriptor HotPathAllocation = Create(
            "EDGENF016", "Allocation on the hot path",
            "{0} in hot-path member '{1}' allocates on nanoFramework: {2}");

        private static DiagnosticDescriptor Create(string id, string title, string message)
        {
            return new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
        }
    }
}
