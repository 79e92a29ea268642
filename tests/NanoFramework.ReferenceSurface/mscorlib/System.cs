// Reference surface of nanoFramework's mscorlib 1.17.11 (NuGet package nanoFramework.CoreLibrary).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System
{
    public delegate void Action();

    public delegate void Action<in T>(T obj);

    public delegate void Action<in T1, in T2>(T1 arg1, T2 arg2);

    public class AppDomainUnloadedException : SystemException
    {
        public AppDomainUnloadedException() { throw null; }
        public AppDomainUnloadedException(string message) { throw null; }
        public AppDomainUnloadedException(string message, Exception innerException) { throw null; }
    }

    public class ApplicationException : Exception
    {
        public ApplicationException() { throw null; }
        public ApplicationException(string message) { throw null; }
        public ApplicationException(string message, Exception innerException) { throw null; }
    }

    public class ArgumentException : SystemException
    {
        public ArgumentException() { throw null; }
        public ArgumentException(string message) { throw null; }
        public ArgumentException(string message, Exception innerException) { throw null; }
        public ArgumentException(string message, string paramName) { throw null; }
        public ArgumentException(string message, string paramName, Exception innerException) { throw null; }
        public override string Message { get { throw null; } }
        public virtual string ParamName { get { throw null; } }
        public static void ThrowIfNullOrEmpty(string argument, [CallerArgumentExpression("argument")] string paramName = null) { throw null; }
    }

    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { throw null; }
        public ArgumentNullException(string paramName) { throw null; }
        public ArgumentNullException(string message, Exception innerException) { throw null; }
        public ArgumentNullException(string paramName, string message) { throw null; }
        public static void ThrowIfNull(object argument, [CallerArgumentExpression("argument")] string paramName = null) { throw null; }
    }

    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { throw null; }
        public ArgumentOutOfRangeException(string paramName) { throw null; }
        public ArgumentOutOfRangeException(string paramName, string message) { throw null; }
    }

    public abstract class Array : ICloneable, IList, ICollection, IEnumerable
    {
        protected Array() { throw null; }
        public bool IsFixedSize { get { throw null; } }
        public bool IsReadOnly { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        public int Length { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public static int BinarySearch(Array array, object value, IComparer comparer) { throw null; }
        public static int BinarySearch(Array array, int index, int length, object value, IComparer comparer) { throw null; }
        public static void Clear(Array array, int index, int length) { throw null; }
        public object Clone() { throw null; }
        public static void Copy(Array sourceArray, Array destinationArray, int length) { throw null; }
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { throw null; }
        public void CopyTo(Array array, int index) { throw null; }
        public static Array CreateInstance(Type elementType, int length) { throw null; }
        public IEnumerator GetEnumerator() { throw null; }
        public object GetValue(int index) { throw null; }
        public static int IndexOf(Array array, object value) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex, int count) { throw null; }
        // Explicit interface implementations (not part of the public surface).
        object System.Collections.IList.this[int index] { get { throw null; } set { } }
        int System.Collections.IList.Add(object value) { throw null; }
        void System.Collections.IList.Clear() { throw null; }
        bool System.Collections.IList.Contains(object value) { throw null; }
        int System.Collections.IList.IndexOf(object value) { throw null; }
        void System.Collections.IList.Insert(int index, object value) { throw null; }
        void System.Collections.IList.Remove(object value) { throw null; }
        void System.Collections.IList.RemoveAt(int index) { throw null; }
        int System.Collections.ICollection.Count { get { throw null; } }
    }

    public delegate void AsyncCallback(IAsyncResult ar);

    [AttributeUsage(AttributeTargets.All)]
    public abstract class Attribute
    {
        protected Attribute() { throw null; }
    }

    [Flags]
    public enum AttributeTargets
    {
        Assembly = 1,
        Module = 2,
        Class = 4,
        Struct = 8,
        Enum = 16,
        Constructor = 32,
        Method = 64,
        Property = 128,
        Field = 256,
        Event = 512,
        Interface = 1024,
        Parameter = 2048,
        Delegate = 4096,
        ReturnValue = 8192,
        All = 16383,
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { throw null; }
        public bool AllowMultiple { get { throw null; } set { } }
        public bool Inherited { get { throw null; } set { } }
        public AttributeTargets ValidOn { get { throw null; } }
    }

    [Flags]
    public enum Base64FormattingOptions
    {
        None = 0,
        InsertLineBreaks = 1,
    }

    public static class BitConverter
    {
        public static bool IsLittleEndian { get { throw null; } }
        public static long DoubleToInt64Bits(double value) { throw null; }
        public static byte[] GetBytes(bool value) { throw null; }
        public static byte[] GetBytes(char value) { throw null; }
        public static byte[] GetBytes(double value) { throw null; }
        public static byte[] GetBytes(float value) { throw null; }
        public static byte[] GetBytes(int value) { throw null; }
        public static byte[] GetBytes(long value) { throw null; }
        public static byte[] GetBytes(short value) { throw null; }
        public static byte[] GetBytes(uint value) { throw null; }
        public static byte[] GetBytes(ulong value) { throw null; }
        public static byte[] GetBytes(ushort value) { throw null; }
        public static double Int64BitsToDouble(long value) { throw null; }
        public static bool ToBoolean(byte[] value, int startIndex) { throw null; }
        public static char ToChar(byte[] value, int startIndex) { throw null; }
        public static double ToDouble(byte[] value, int startIndex) { throw null; }
        public static short ToInt16(byte[] value, int startIndex) { throw null; }
        public static int ToInt32(byte[] value, int startIndex) { throw null; }
        public static long ToInt64(byte[] value, int startIndex) { throw null; }
        public static float ToSingle(byte[] value, int startIndex) { throw null; }
        public static string ToString(byte[] value) { throw null; }
        public static string ToString(byte[] value, int startIndex) { throw null; }
        public static string ToString(byte[] value, int startIndex, int length) { throw null; }
        public static ushort ToUInt16(byte[] value, int startIndex) { throw null; }
        public static uint ToUInt32(byte[] value, int startIndex) { throw null; }
        public static ulong ToUInt64(byte[] value, int startIndex) { throw null; }
    }

    public struct Boolean
    {
        public static readonly string FalseString;
        public static readonly string TrueString;
        public override string ToString() { throw null; }
    }

    public struct Byte
    {
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
        public static byte Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out byte result) { throw null; }
    }

    [AttributeUsage(AttributeTargets.All)]
    public sealed class CLSCompliantAttribute : Attribute
    {
        public CLSCompliantAttribute(bool isCompliant) { throw null; }
        public bool IsCompliant { get { throw null; } }
    }

    public struct Char
    {
        public const char MaxValue = '\uFFFF';
        public const char MinValue = '\u0000';
        public char ToLower() { throw null; }
        public override string ToString() { throw null; }
        public char ToUpper() { throw null; }
    }

    public static class Console
    {
        public static void Write(string value) { throw null; }
        public static void WriteLine() { throw null; }
        public static void WriteLine(string value) { throw null; }
    }

    public static class Convert
    {
        public static byte[] FromBase64CharArray(char[] inArray, int offset, int length) { throw null; }
        public static byte[] FromBase64String(string inString) { throw null; }
        public static string ToBase64String(byte[] inArray) { throw null; }
        public static string ToBase64String(byte[] inArray, Base64FormattingOptions options) { throw null; }
        public static string ToBase64String(byte[] inArray, int offset, int length) { throw null; }
        public static string ToBase64String(byte[] inArray, int offset, int length, Base64FormattingOptions options) { throw null; }
        public static bool ToBoolean(byte value) { throw null; }
        public static byte ToByte(bool value) { throw null; }
        public static byte ToByte(string value, int fromBase = 10) { throw null; }
        public static char ToChar(ushort value) { throw null; }
        public static DateTime ToDateTime(string value) { throw null; }
        public static double ToDouble(string value) { throw null; }
        public static short ToInt16(string value, int fromBase = 10) { throw null; }
        public static int ToInt32(string value, int fromBase = 10) { throw null; }
        public static long ToInt64(string value, int fromBase = 10) { throw null; }
        public static sbyte ToSByte(string value, int fromBase = 10) { throw null; }
        public static float ToSingle(string value) { throw null; }
        public static ushort ToUInt16(string value, int fromBase = 10) { throw null; }
        public static uint ToUInt32(string value, int fromBase = 10) { throw null; }
        public static ulong ToUInt64(string value, int fromBase = 10) { throw null; }
    }

    public sealed class DBNull
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal DBNull() { }
        public static readonly DBNull Value;
    }

    public struct DateTime
    {
        public DateTime(long ticks) { throw null; }
        public DateTime(long ticks, DateTimeKind kind) { throw null; }
        public DateTime(int year, int month, int day) { throw null; }
        public DateTime(int year, int month, int day, int hour, int minute, int second) { throw null; }
        public DateTime(int year, int month, int day, int hour, int minute, int second, int millisecond) { throw null; }
        public static readonly DateTime MaxValue;
        public static readonly DateTime MinValue;
        public static readonly DateTime UnixEpoch;
        public DateTime Date { get { throw null; } }
        public int Day { get { throw null; } }
        public DayOfWeek DayOfWeek { get { throw null; } }
        public int DayOfYear { get { throw null; } }
        public int Hour { get { throw null; } }
        public DateTimeKind Kind { get { throw null; } }
        public int Millisecond { get { throw null; } }
        public int Minute { get { throw null; } }
        public int Month { get { throw null; } }
        public int Second { get { throw null; } }
        public long Ticks { get { throw null; } }
        public TimeSpan TimeOfDay { get { throw null; } }
        public static DateTime Today { get { throw null; } }
        public static DateTime UtcNow { get { throw null; } }
        public int Year { get { throw null; } }
        public DateTime Add(TimeSpan val) { throw null; }
        public DateTime AddDays(double val) { throw null; }
        public DateTime AddHours(double val) { throw null; }
        public DateTime AddMilliseconds(double val) { throw null; }
        public DateTime AddMinutes(double val) { throw null; }
        public DateTime AddSeconds(double val) { throw null; }
        public DateTime AddTicks(long val) { throw null; }
        public static int Compare(DateTime t1, DateTime t2) { throw null; }
        public int CompareTo(object val) { throw null; }
        public static int DaysInMonth(int year, int month) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool Equals(DateTime t1, DateTime t2) { throw null; }
        public static DateTime FromUnixTimeSeconds(long seconds) { throw null; }
        public override int GetHashCode() { throw null; }
        public static DateTime Parse(string s) { throw null; }
        public DateTime Subtract(TimeSpan val) { throw null; }
        public TimeSpan Subtract(DateTime val) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public long ToUnixTimeSeconds() { throw null; }
        public static bool TryParse(string s, out DateTime result) { throw null; }
        public static DateTime operator +(DateTime d, TimeSpan t) { throw null; }
        public static bool operator ==(DateTime d1, DateTime d2) { throw null; }
        public static bool operator >(DateTime t1, DateTime t2) { throw null; }
        public static bool operator >=(DateTime t1, DateTime t2) { throw null; }
        public static bool operator !=(DateTime t1, DateTime t2) { throw null; }
        public static bool operator <(DateTime t1, DateTime t2) { throw null; }
        public static bool operator <=(DateTime t1, DateTime t2) { throw null; }
        public static DateTime operator -(DateTime d, TimeSpan t) { throw null; }
        public static TimeSpan operator -(DateTime d1, DateTime d2) { throw null; }
    }

    public enum DateTimeKind
    {
        Utc = 1,
        [Obsolete("nanoFramework doesn't support local time, so DateTimeKind.Local is provided to allow code reuse and keep consistency with full .NET framework", true)]
        Local = 2,
    }

    public enum DayOfWeek
    {
        Sunday = 0,
        Monday = 1,
        Tuesday = 2,
        Wednesday = 3,
        Thursday = 4,
        Friday = 5,
        Saturday = 6,
    }

    public abstract class Delegate
    {
        protected Delegate() { throw null; }
        public MethodInfo Method { get { throw null; } }
        public object Target { get { throw null; } }
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public virtual Delegate[] GetInvocationList() { throw null; }
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }
        public static bool operator ==(Delegate d1, Delegate d2) { throw null; }
        public static bool operator !=(Delegate d1, Delegate d2) { throw null; }
    }

    public struct Double
    {
        public const double Epsilon = 5E-324;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double MinValue = -1.7976931348623157E+308;
        public const double NaN = 0.0 / 0.0;
        public const double NegativeInfinity = -1.0 / 0.0;
        public const double PositiveInfinity = 1.0 / 0.0;
        public int CompareTo(double value) { throw null; }
        public static bool IsInfinity(double d) { throw null; }
        public static bool IsNaN(double d) { throw null; }
        public static bool IsNegativeInfinity(double d) { throw null; }
        public static bool IsPositiveInfinity(double d) { throw null; }
        public static double Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out double result) { throw null; }
    }

    public abstract class Enum : ValueType
    {
        protected Enum() { throw null; }
        public bool HasFlag(Enum flag) { throw null; }
        public override string ToString() { throw null; }
    }

    public class EventArgs
    {
        public EventArgs() { throw null; }
        public static readonly EventArgs Empty;
    }

    public delegate void EventHandler(object sender, EventArgs e);

    public delegate void EventHandler<TEventArgs>(object sender, TEventArgs e);

    public class Exception
    {
        public Exception() { throw null; }
        public Exception(string message) { throw null; }
        public Exception(string message, Exception innerException) { throw null; }
        protected int HResult;
        public Exception InnerException { get { throw null; } }
        public virtual string Message { get { throw null; } }
        public virtual string StackTrace { get { throw null; } }
        public override string ToString() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Enum)]
    public class FlagsAttribute : Attribute
    {
        public FlagsAttribute() { throw null; }
    }

    public class FormatException : SystemException
    {
        public FormatException() { throw null; }
        public FormatException(string message) { throw null; }
        public FormatException(string message, Exception innerException) { throw null; }
    }

    public delegate TResult Func<out TResult>();

    public delegate TResult Func<in T, out TResult>(T arg);

    public delegate TResult Func<in T1, in T2, out TResult>(T1 arg1, T2 arg2);

    public static class GC
    {
        public static void ReRegisterForFinalize(object obj) { throw null; }
        public static void SuppressFinalize(object obj) { throw null; }
        public static void WaitForPendingFinalizers() { throw null; }
    }

    public struct Guid
    {
        public Guid(byte[] b) { throw null; }
        public Guid(string g) { throw null; }
        public Guid(int a, short b, short c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k) { throw null; }
        public Guid(uint a, ushort b, ushort c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k) { throw null; }
        public static readonly Guid Empty;
        public int CompareTo(object value) { throw null; }
        public override bool Equals(object o) { throw null; }
        public override int GetHashCode() { throw null; }
        public static Guid NewGuid() { throw null; }
        public byte[] ToByteArray() { throw null; }
        public override string ToString() { throw null; }
        [Obsolete("This will be renamed to TryParse in a future version.")]
        public static bool TryParseGuidWithDashes(string input, out Guid result) { throw null; }
    }

    public interface IAsyncResult
    {
    }

    public interface ICloneable
    {
        object Clone();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }

    public interface ICustomFormatter
    {
        string Format(string format, object arg, IFormatProvider formatProvider);
    }

    public interface IDisposable
    {
        void Dispose();
    }

    public interface IFormatProvider
    {
        object GetFormat(Type formatType);
    }

    public interface IFormattable
    {
        string ToString(string format, IFormatProvider formatProvider);
    }

    public class IndexOutOfRangeException : SystemException
    {
        public IndexOutOfRangeException() { throw null; }
        public IndexOutOfRangeException(string message) { throw null; }
        public IndexOutOfRangeException(string message, Exception innerException) { throw null; }
    }

    public struct Int16
    {
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
        public static short Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out short result) { throw null; }
    }

    public struct Int32
    {
        public const int MaxValue = 2147483647;
        public const int MinValue = -2147483648;
        public static int Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out int result) { throw null; }
    }

    public struct Int64
    {
        public const long MaxValue = 9223372036854775807L;
        public const long MinValue = -9223372036854775808L;
        public static long Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out long result) { throw null; }
    }

    public struct IntPtr
    {
    }

    public class InvalidCastException : SystemException
    {
        public InvalidCastException() { throw null; }
        public InvalidCastException(string message) { throw null; }
        public InvalidCastException(string message, Exception innerException) { throw null; }
    }

    public class InvalidOperationException : SystemException
    {
        public InvalidOperationException() { throw null; }
        public InvalidOperationException(string message) { throw null; }
        public InvalidOperationException(string message, Exception innerException) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MTAThreadAttribute : Attribute
    {
        public MTAThreadAttribute() { throw null; }
    }

    public abstract class MarshalByRefObject
    {
        protected MarshalByRefObject() { throw null; }
    }

    public abstract class MulticastDelegate : Delegate
    {
        protected MulticastDelegate() { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Field)]
    public sealed class NonSerializedAttribute : Attribute
    {
        public NonSerializedAttribute() { throw null; }
    }

    public class NotImplementedException : SystemException
    {
        public NotImplementedException() { throw null; }
        public NotImplementedException(string message) { throw null; }
        public NotImplementedException(string message, Exception innerException) { throw null; }
    }

    public class NotSupportedException : SystemException
    {
        public NotSupportedException() { throw null; }
        public NotSupportedException(string message) { throw null; }
        public NotSupportedException(string message, Exception innerException) { throw null; }
    }

    public class NullReferenceException : SystemException
    {
        public NullReferenceException() { throw null; }
        public NullReferenceException(string message) { throw null; }
        public NullReferenceException(string message, Exception innerException) { throw null; }
    }

    public class Object
    {
        public Object() { throw null; }
        public virtual bool Equals(object obj) { throw null; }
        public static bool Equals(object objA, object objB) { throw null; }
        public virtual int GetHashCode() { throw null; }
        public Type GetType() { throw null; }
        protected object MemberwiseClone() { throw null; }
        public static bool ReferenceEquals(object objA, object objB) { throw null; }
        public virtual string ToString() { throw null; }
    }

    public class ObjectDisposedException : SystemException
    {
        public ObjectDisposedException() { throw null; }
        public ObjectDisposedException(string message) { throw null; }
        public ObjectDisposedException(string message, Exception innerException) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Event | AttributeTargets.Interface | AttributeTargets.Delegate, Inherited = false)]
    public sealed class ObsoleteAttribute : Attribute
    {
        public ObsoleteAttribute() { throw null; }
        public ObsoleteAttribute(string message) { throw null; }
        public ObsoleteAttribute(string message, bool error) { throw null; }
        public bool IsError { get { throw null; } }
        public string Message { get { throw null; } }
    }

    public class OutOfMemoryException : SystemException
    {
        public OutOfMemoryException() { throw null; }
        public OutOfMemoryException(string message) { throw null; }
        public OutOfMemoryException(string message, Exception innerException) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class ParamArrayAttribute : Attribute
    {
        public ParamArrayAttribute() { throw null; }
    }

    public class PlatformNotSupportedException : NotSupportedException
    {
        public PlatformNotSupportedException() { throw null; }
    }

    public class Random
    {
        public Random() { throw null; }
        public Random(int seed) { throw null; }
        public virtual int Next() { throw null; }
        public virtual int Next(int maxValue) { throw null; }
        public virtual void NextBytes(byte[] buffer) { throw null; }
        public virtual double NextDouble() { throw null; }
    }

    public struct RuntimeArgumentHandle
    {
    }

    public struct RuntimeFieldHandle
    {
    }

    public struct RuntimeMethodHandle
    {
    }

    public struct RuntimeTypeHandle
    {
    }

    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
        public static sbyte Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out sbyte result) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class STAThreadAttribute : Attribute
    {
        public STAThreadAttribute() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Delegate, Inherited = false)]
    public sealed class SerializableAttribute : Attribute
    {
        public SerializableAttribute() { throw null; }
    }

    public struct Single
    {
        public const float Epsilon = 1E-45F;
        public const float MaxValue = 3.4028235E+38F;
        public const float MinValue = -3.4028235E+38F;
        public const float NaN = 0.0F / 0.0F;
        public const float NegativeInfinity = -1.0F / 0.0F;
        public const float PositiveInfinity = 1.0F / 0.0F;
        public int CompareTo(float value) { throw null; }
        public static bool IsInfinity(float f) { throw null; }
        public static bool IsNaN(float f) { throw null; }
        public static bool IsNegativeInfinity(float f) { throw null; }
        public static bool IsPositiveInfinity(float f) { throw null; }
        public static float Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out float result) { throw null; }
    }

    public readonly ref struct SpanByte
    {
        public SpanByte(byte[] array) { throw null; }
        public SpanByte(byte[] array, int start, int length) { throw null; }
        public static SpanByte Empty { get { throw null; } }
        public bool IsEmpty { get { throw null; } }
        public int Length { get { throw null; } }
        public byte this[int index] { get { throw null; } set { } }
        public void CopyTo(SpanByte destination) { throw null; }
        public SpanByte Slice(int start) { throw null; }
        public SpanByte Slice(int start, int length) { throw null; }
        public byte[] ToArray() { throw null; }
        public static implicit operator SpanByte(byte[] array) { throw null; }
    }

    public sealed class String : IComparable, IEnumerable
    {
        public String(char[] value) { throw null; }
        public String(char c, int count) { throw null; }
        public String(char[] value, int startIndex, int length) { throw null; }
        public static readonly string Empty;
        public int Length { get { throw null; } }
        [IndexerName("Chars")]
        public char this[int index] { get { throw null; } }
        public static int Compare(string strA, string strB) { throw null; }
        public int CompareTo(object value) { throw null; }
        public int CompareTo(string strB) { throw null; }
        public static string Concat(object arg0) { throw null; }
        public static string Concat(params object[] args) { throw null; }
        public static string Concat(params string[] values) { throw null; }
        public static string Concat(object arg0, object arg1) { throw null; }
        public static string Concat(string str0, string str1) { throw null; }
        public static string Concat(object arg0, object arg1, object arg2) { throw null; }
        public static string Concat(string str0, string str1, string str2) { throw null; }
        public static string Concat(string str0, string str1, string str2, string str3) { throw null; }
        public bool Contains(string value) { throw null; }
        public bool EndsWith(string value) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool Equals(string a, string b) { throw null; }
        public static string Format(string format, params object[] args) { throw null; }
        public IEnumerator GetEnumerator() { throw null; }
        public int IndexOf(char value) { throw null; }
        public int IndexOf(string value) { throw null; }
        public int IndexOf(char value, int startIndex) { throw null; }
        public int IndexOf(string value, int startIndex) { throw null; }
        public int IndexOf(char value, int startIndex, int count) { throw null; }
        public int IndexOf(string value, int startIndex, int count) { throw null; }
        public int IndexOfAny(char[] anyOf) { throw null; }
        public int IndexOfAny(char[] anyOf, int startIndex) { throw null; }
        public int IndexOfAny(char[] anyOf, int startIndex, int count) { throw null; }
        public static string Intern(string str) { throw null; }
        public static string IsInterned(string str) { throw null; }
        public static bool IsNullOrEmpty(string value) { throw null; }
        public int LastIndexOf(char value) { throw null; }
        public int LastIndexOf(string value) { throw null; }
        public int LastIndexOf(char value, int startIndex) { throw null; }
        public int LastIndexOf(string value, int startIndex) { throw null; }
        public int LastIndexOf(char value, int startIndex, int count) { throw null; }
        public int LastIndexOf(string value, int startIndex, int count) { throw null; }
        public int LastIndexOfAny(char[] anyOf) { throw null; }
        public int LastIndexOfAny(char[] anyOf, int startIndex) { throw null; }
        public int LastIndexOfAny(char[] anyOf, int startIndex, int count) { throw null; }
        public string PadLeft(int totalWidth, char paddingChar = ' ') { throw null; }
        public string PadRight(int totalWidth, char paddingChar = ' ') { throw null; }
        public string[] Split(params char[] separator) { throw null; }
        public string[] Split(char[] separator, int count) { throw null; }
        public bool StartsWith(string value) { throw null; }
        public string Substring(int startIndex) { throw null; }
        public string Substring(int startIndex, int length) { throw null; }
        public char[] ToCharArray() { throw null; }
        public char[] ToCharArray(int startIndex, int length) { throw null; }
        public string ToLower() { throw null; }
        public override string ToString() { throw null; }
        public string ToUpper() { throw null; }
        public string Trim() { throw null; }
        public string Trim(params char[] trimChars) { throw null; }
        public string TrimEnd(params char[] trimChars) { throw null; }
        public string TrimStart(params char[] trimChars) { throw null; }
        public static bool operator ==(string a, string b) { throw null; }
        public static bool operator !=(string a, string b) { throw null; }
    }

    public class SystemException : Exception
    {
        public SystemException() { throw null; }
        public SystemException(string message) { throw null; }
        public SystemException(string message, Exception innerException) { throw null; }
    }

    public struct TimeSpan
    {
        public TimeSpan(long ticks) { throw null; }
        public TimeSpan(int hours, int minutes, int seconds) { throw null; }
        public TimeSpan(int days, int hours, int minutes, int seconds) { throw null; }
        public TimeSpan(int days, int hours, int minutes, int seconds, int milliseconds) { throw null; }
        public static readonly TimeSpan MaxValue;
        public static readonly TimeSpan MinValue;
        public const long TicksPerDay = 864000000000L;
        public const long TicksPerHour = 36000000000L;
        public const long TicksPerMillisecond = 10000L;
        public const long TicksPerMinute = 600000000L;
        public const long TicksPerSecond = 10000000L;
        public static readonly TimeSpan Zero;
        public int Days { get { throw null; } }
        public int Hours { get { throw null; } }
        public int Milliseconds { get { throw null; } }
        public int Minutes { get { throw null; } }
        public int Seconds { get { throw null; } }
        public long Ticks { get { throw null; } }
        public double TotalDays { get { throw null; } }
        public double TotalHours { get { throw null; } }
        public double TotalMilliseconds { get { throw null; } }
        public double TotalMinutes { get { throw null; } }
        public double TotalSeconds { get { throw null; } }
        public TimeSpan Add(TimeSpan ts) { throw null; }
        public static int Compare(TimeSpan t1, TimeSpan t2) { throw null; }
        public int CompareTo(object value) { throw null; }
        public TimeSpan Duration() { throw null; }
        public override bool Equals(object value) { throw null; }
        public static bool Equals(TimeSpan t1, TimeSpan t2) { throw null; }
        public static TimeSpan FromDays(long value) { throw null; }
        public static TimeSpan FromHours(long value) { throw null; }
        public static TimeSpan FromMilliseconds(long value) { throw null; }
        public static TimeSpan FromMinutes(long value) { throw null; }
        public static TimeSpan FromSeconds(long value) { throw null; }
        public static TimeSpan FromTicks(long value) { throw null; }
        public override int GetHashCode() { throw null; }
        public TimeSpan Negate() { throw null; }
        public TimeSpan Subtract(TimeSpan ts) { throw null; }
        public override string ToString() { throw null; }
        public static TimeSpan operator +(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator ==(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator >(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator >=(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator !=(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator <(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator <=(TimeSpan t1, TimeSpan t2) { throw null; }
        public static TimeSpan operator -(TimeSpan t1, TimeSpan t2) { throw null; }
        public static TimeSpan operator -(TimeSpan t) { throw null; }
        public static TimeSpan operator +(TimeSpan t) { throw null; }
    }

    public class TimeoutException : SystemException
    {
        public TimeoutException() { throw null; }
        public TimeoutException(string message) { throw null; }
        public TimeoutException(string message, Exception innerException) { throw null; }
    }

    public abstract class Type : MemberInfo, IReflect
    {
        protected Type() { throw null; }
        public abstract Assembly Assembly { get; }
        public abstract string AssemblyQualifiedName { get; }
        public abstract Type BaseType { get; }
        public override Type DeclaringType { get { throw null; } }
        public abstract string FullName { get; }
        public bool IsAbstract { get { throw null; } }
        public bool IsArray { get { throw null; } }
        public bool IsClass { get { throw null; } }
        public bool IsEnum { get { throw null; } }
        public bool IsInterface { get { throw null; } }
        public bool IsNotPublic { get { throw null; } }
        public bool IsPublic { get { throw null; } }
        public bool IsSerializable { get { throw null; } }
        public bool IsValueType { get { throw null; } }
        public ConstructorInfo GetConstructor(Type[] types) { throw null; }
        public ConstructorInfo[] GetConstructors() { throw null; }
        public abstract Type GetElementType();
        public FieldInfo GetField(string name) { throw null; }
        public abstract FieldInfo GetField(string name, BindingFlags bindingAttr);
        public FieldInfo[] GetFields() { throw null; }
        public abstract FieldInfo[] GetFields(BindingFlags bindingAttr);
        public abstract Type[] GetInterfaces();
        public MethodInfo GetMethod(string name) { throw null; }
        public MethodInfo GetMethod(string name, BindingFlags bindingAttr) { throw null; }
        public MethodInfo GetMethod(string name, Type[] types) { throw null; }
        public MethodInfo[] GetMethods() { throw null; }
        public abstract MethodInfo[] GetMethods(BindingFlags bindingAttr);
        public static Type GetType(string typeName) { throw null; }
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) { throw null; }
        public object InvokeMember(string name, BindingFlags invokeAttr, Binder binder, object target, object[] args) { throw null; }
        public virtual bool IsInstanceOfType(object o) { throw null; }
        public virtual bool IsSubclassOf(Type c) { throw null; }
        public override string ToString() { throw null; }
    }

    public enum TypeCode
    {
        Empty = 0,
        Object = 1,
        DBNull = 2,
        Boolean = 3,
        Char = 4,
        SByte = 5,
        Byte = 6,
        Int16 = 7,
        UInt16 = 8,
        Int32 = 9,
        UInt32 = 10,
        Int64 = 11,
        UInt64 = 12,
        Single = 13,
        Double = 14,
        Decimal = 15,
        DateTime = 16,
        String = 18,
    }

    public struct TypedReference
    {
    }

    public struct UInt16
    {
        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
        public static ushort Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out ushort result) { throw null; }
    }

    public struct UInt32
    {
        public const uint MaxValue = 4294967295U;
        public const uint MinValue = 0U;
        public static uint Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out uint result) { throw null; }
    }

    public struct UInt64
    {
        public const ulong MaxValue = 18446744073709551615UL;
        public const ulong MinValue = 0UL;
        public static ulong Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out ulong result) { throw null; }
    }

    public struct UIntPtr
    {
    }

    public abstract class ValueType
    {
        protected ValueType() { throw null; }
        public override bool Equals(object obj) { throw null; }
    }

    public sealed class Version
    {
        public Version(int major, int minor) { throw null; }
        public Version(int major, int minor, int build, int revision) { throw null; }
        public int Build { get { throw null; } }
        public int Major { get { throw null; } }
        public int Minor { get { throw null; } }
        public int Revision { get { throw null; } }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public struct Void
    {
    }

    public class WeakReference
    {
        public WeakReference(object target) { throw null; }
        public virtual bool IsAlive { get { throw null; } }
        public virtual object Target { get { throw null; } set { } }
    }
}
