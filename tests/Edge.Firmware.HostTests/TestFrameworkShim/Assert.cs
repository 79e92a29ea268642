using System;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The part of nanoFramework.TestFramework's Assert (3.0.77) the on-device tests use, with the
    /// same names and parameter lists, so that the test sources compile unchanged on .NET.
    /// </summary>
    public sealed class Assert
    {
        public static void AreEqual(int expected, int actual, string message = "") => Check(expected == actual, expected, actual, message);

        public static void AreEqual(long expected, long actual, string message = "") => Check(expected == actual, expected, actual, message);

        public static void AreEqual(string expected, string actual, string message = "") => Check(expected == actual, expected, actual, message);

        public static void IsTrue(bool condition, string message = "") => Check(condition, true, false, message);

        public static void IsFalse(bool condition, string message = "") => Check(!condition, false, true, message);

        public static void IsNull(object value, string message = "") => Check(value == null, "null", value, message);

        public static void IsNotNull(object value, string message = "") => Check(value != null, "not null", "null", message);

        public static void Contains(string expected, string value, string message = "") => Check(value != null && value.Contains(expected, StringComparison.Ordinal), "containing '" + expected + "'", value, message);

        public static void StartsWith(string expected, string value, string message = "") => Check(value != null && value.StartsWith(expected, StringComparison.Ordinal), "starting with '" + expected + "'", value, message);

        public static void SkipTest(string message = null) => throw new SkipTestException(message);

        private static void Check(bool condition, object expected, object actual, string message)
        {
            if (!condition)
            {
                throw new Exception("Assert failed: expected " + expected + ", actual " + actual + (string.IsNullOrEmpty(message) ? string.Empty : " (" + message + ")"));
            }
        }
    }
}
