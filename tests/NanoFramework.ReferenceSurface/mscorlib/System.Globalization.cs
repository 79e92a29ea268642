// Reference surface of nanoFramework's mscorlib 1.17.11 (NuGet package nanoFramework.CoreLibrary).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.Globalization
{
    public class CultureInfo
    {
        public CultureInfo(string name) { throw null; }
        public static CultureInfo CurrentUICulture { get { throw null; } }
        public virtual DateTimeFormatInfo DateTimeFormat { get { throw null; } }
        public virtual string Name { get { throw null; } }
        public virtual NumberFormatInfo NumberFormat { get { throw null; } }
        public virtual CultureInfo Parent { get { throw null; } }
        public override string ToString() { throw null; }
    }

    public sealed class DateTimeFormatInfo
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal DateTimeFormatInfo() { }
        public string[] AbbreviatedDayNames { get { throw null; } }
        public string[] AbbreviatedMonthNames { get { throw null; } }
        public string AMDesignator { get { throw null; } }
        public static DateTimeFormatInfo CurrentInfo { get { throw null; } }
        public string DateSeparator { get { throw null; } }
        public string[] DayNames { get { throw null; } }
        public string FullDateTimePattern { get { throw null; } }
        public string LongDatePattern { get { throw null; } }
        public string LongTimePattern { get { throw null; } }
        public string MonthDayPattern { get { throw null; } }
        public string[] MonthNames { get { throw null; } }
        public string PMDesignator { get { throw null; } }
        public string RFC1123Pattern { get { throw null; } }
        public string ShortDatePattern { get { throw null; } }
        public string ShortTimePattern { get { throw null; } }
        public string SortableDateTimePattern { get { throw null; } }
        public string TimeSeparator { get { throw null; } }
        public string UniversalSortableDateTimePattern { get { throw null; } }
        public string YearMonthPattern { get { throw null; } }
    }

    public sealed class NumberFormatInfo
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal NumberFormatInfo() { }
        public static NumberFormatInfo CurrentInfo { get { throw null; } }
        public string NegativeSign { get { throw null; } }
        public string NumberDecimalSeparator { get { throw null; } }
        public string NumberGroupSeparator { get { throw null; } }
        public int[] NumberGroupSizes { get { throw null; } }
        public string PositiveSign { get { throw null; } }
    }
}
