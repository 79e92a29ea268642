using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;

namespace Edge.Firmware.HostTests
{
    /// <summary>
    /// Every [TestMethod] of the on-device tests as one xunit case: a fresh instance, its [Setup]
    /// methods, then the test, as the nanoFramework test launcher runs them.
    /// </summary>
    public sealed class OnDeviceTestRunner
    {
        public static IEnumerable<object[]> TestMethods()
        {
            return typeof(OnDeviceTestRunner).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<TestClassAttribute>() != null)
                .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null).Select(m => new object[] { t.FullName + "." + m.Name }))
                .OrderBy(n => (string)n[0], StringComparer.Ordinal);
        }

        [Fact]
        public void OnDeviceTestsAreFound()
        {
            // The firmware ships tests for board parsing, ADC conversion and the closed loop at least.
            List<string> names = TestMethods().Select(n => (string)n[0]).ToList();
            Xunit.Assert.Contains(names, n => n.Contains("BoardParsingTests", StringComparison.Ordinal));
            Xunit.Assert.Contains(names, n => n.Contains("AdcConversionTests", StringComparison.Ordinal));
            Xunit.Assert.Contains(names, n => n.Contains("ClosedLoopSmokeTests", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(TestMethods))]
        public void OnDeviceTestPasses(string name)
        {
            int dot = name.LastIndexOf('.');
            Type type = typeof(OnDeviceTestRunner).Assembly.GetType(name.Substring(0, dot), true);
            MethodInfo method = type.GetMethod(name.Substring(dot + 1));
            object instance = method.IsStatic ? null : Activator.CreateInstance(type);
            try
            {
                foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<SetupAttribute>() != null))
                {
                    setup.Invoke(setup.IsStatic ? null : instance, null);
                }

                method.Invoke(instance, null);
            }
            catch (TargetInvocationException ex)
            {
                throw new Xunit.Sdk.XunitException(name + ": " + ex.InnerException.Message);
            }
        }
    }
}
