using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Edge.Firmware.HostTests.Launcher;
using Xunit;

namespace Edge.Firmware.HostTests
{
    /// <summary>
    /// Runs the on-device tests (firmware/Edge.Firmware.Tests, firmware/Edge.Firmware.ServiceTests and
    /// firmware/Edge.Firmware.PersistenceTests, three assemblies on the device, each in namespace NFUnitTest,
    /// compiled into this one here) the way
    /// nanoFramework.TestFramework 3.0.77's launcher runs them on the device
    /// (<see cref="UnitTestLauncherEmulation"/>): one xunit case per test class and order, each in a
    /// freshly loaded copy of the assembly. Every class runs twice: in declaration order, as on the
    /// device, and in reverse order, so that a test relying on an earlier test's leftovers fails here.
    /// </summary>
    public sealed class OnDeviceTestRunner
    {
        private const string OnDeviceNamespace = "NFUnitTest";

        public static IEnumerable<object[]> TestClassesAndOrders()
        {
            foreach (Type type in UnitTestLauncherEmulation.TestClasses(typeof(OnDeviceTestRunner).Assembly, OnDeviceNamespace))
            {
                yield return new object[] { type.FullName, TestOrder.Declaration };
                yield return new object[] { type.FullName, TestOrder.Reverse };
            }
        }

        [Fact]
        public void OnDeviceTestsAreFound()
        {
            // The firmware ships tests for board parsing, ADC conversion, the closed loop and the boot at least.
            List<string> names = UnitTestLauncherEmulation.TestClasses(typeof(OnDeviceTestRunner).Assembly, OnDeviceNamespace).Select(t => t.Name).ToList();
            Assert.Contains("BoardParsingTests", names);
            Assert.Contains("AdcConversionTests", names);
            Assert.Contains("ClosedLoopSmokeTests", names);
            Assert.Contains("MqttSessionTests", names);
        }

        [Theory]
        [MemberData(nameof(TestClassesAndOrders))]
        public void OnDeviceTestClassPasses(string testClass, TestOrder order)
        {
            Assembly fresh = FreshTestAssembly.Load(testClass + " " + order);
            IReadOnlyList<LauncherResult> results = UnitTestLauncherEmulation.RunClass(FreshTestAssembly.TypeIn(fresh, testClass), order);

            Assert.NotEmpty(results);
            List<LauncherResult> notPassed = results.Where(r => r.Outcome != LauncherOutcome.Passed).ToList();
            Assert.True(notPassed.Count == 0, order + " order:\n" + string.Join("\n", results));
        }
    }
}
