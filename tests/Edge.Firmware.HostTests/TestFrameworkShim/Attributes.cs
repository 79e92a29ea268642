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

    /// <summary>Runs before each test method of its class (as nanoFramework.TestFramework's SetupAttribute).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }
}
