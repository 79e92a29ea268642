using System;
using nanoFramework.TestFramework;

// Test classes written the way on-device tests are, but outside the NFUnitTest namespace, so that
// only LauncherEmulationTests runs them: each shows one rule of the launcher.
namespace Edge.Firmware.HostTests.LauncherSnippets
{
    /// <summary>The second test lives on the first one's leftovers: passes in declaration order only.</summary>
    [TestClass]
    public class OrderDependentSnippet
    {
        private static int s_pulses;

        [TestMethod]
        public void FirstLeavesThreePulses()
        {
            s_pulses = 3;
        }

        [TestMethod]
        public void SecondNeedsTheFirstsPulses()
        {
            Assert.AreEqual(3, s_pulses);
        }
    }

    /// <summary>Setup runs once per class, not before each test.</summary>
    [TestClass]
    public class SetupOnceSnippet
    {
        private static int s_setups;

        [Setup]
        public void CountSetup()
        {
            s_setups++;
        }

        [TestMethod]
        public void SetupRanOnceBeforeA()
        {
            Assert.AreEqual(1, s_setups);
        }

        [TestMethod]
        public void SetupRanOnceBeforeB()
        {
            Assert.AreEqual(1, s_setups);
        }
    }

    /// <summary>A Setup that skips (Assert.SkipTest) skips the class: no test, no cleanup.</summary>
    [TestClass]
    public class SkippingSetupSnippet
    {
        [Setup]
        public void NoHardware()
        {
            Assert.SkipTest("no hardware");
        }

        [TestMethod]
        public void NeverRuns()
        {
            throw new InvalidOperationException("ran after a skipped setup");
        }

        [Cleanup]
        public void NeverCleansUp()
        {
            throw new InvalidOperationException("cleaned up after a skipped setup");
        }
    }

    /// <summary>A Setup that fails (not a skip) is reported failed, and the tests still run.</summary>
    [TestClass]
    public class FailingSetupSnippet
    {
        [Setup]
        public void Broken()
        {
            throw new InvalidOperationException("setup broke");
        }

        [TestMethod]
        public void StillRuns()
        {
        }
    }

    /// <summary>TestMethods first, then DataRow invocations; a method with both runs only its rows; Cleanup last.</summary>
    [TestClass]
    public class DataRowSnippet
    {
        private static string s_log = string.Empty;

        [TestMethod]
        public void Plain()
        {
            s_log += "p;";
        }

        [DataRow(1, 2)]
        [DataRow(3, 4)]
        public void Rows(int a, int b)
        {
            s_log += (a + b).ToString() + ";";
        }

        [TestMethod]
        [DataRow(5L)]
        public void Both(long value)
        {
            s_log += "b" + value.ToString() + ";";
        }

        [TestMethod]
        public void Second()
        {
            s_log += "s;";
        }

        [Cleanup]
        public void SeeTheOrder()
        {
            Assert.AreEqual("p;s;3;7;b5;", s_log);
        }
    }

    /// <summary>Methods run without an instance; non-public methods are not found.</summary>
    [TestClass]
    public class InstanceStateSnippet
    {
        private int _count;

        [TestMethod]
        public void TouchesAnInstanceField()
        {
            _count++;
        }

        [TestMethod]
        internal void NotPublic()
        {
            throw new InvalidOperationException("a non-public test ran");
        }
    }
}
