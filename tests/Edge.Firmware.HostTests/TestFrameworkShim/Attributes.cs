using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding on-device tests (as nanoFramework.TestFramework's TestClassAttribute).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a test method (as nanoFramework.TestFramework's TestMethodAttribute).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>
    /// Runs ONCE per test class, before its first test (as nanoFramework.TestFramework 3.0.77's
    /// SetupAttribute under its UnitTestLauncher), not before each test.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once per test class, after its last test (as nanoFramework.TestFramework's CleanupAttribute).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>One invocation of a test method with these arguments (as nanoFramework.TestFramework's DataRowAttribute).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>; in a [Setup] method it skips the whole class.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }
}
