using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Firmware.HostTests.Launcher;
using Edge.Firmware.HostTests.LauncherSnippets;
using Xunit;

namespace Edge.Firmware.HostTests.LauncherSelfTests
{
    /// <summary>
    /// The launcher emulation keeps nanoFramework.TestFramework 3.0.77's rules (expectations read off
    /// its UnitTestLauncher/Program.cs), and the reverse pass catches order dependence the device's
    /// declaration order hides.
    /// </summary>
    public sealed class LauncherEmulationTests
    {
        [Fact]
        public void OrderDependenceIsHiddenInDeclarationOrderAndCaughtInReverse()
        {
            IReadOnlyList<LauncherResult> forward = Run(typeof(OrderDependentSnippet), TestOrder.Declaration);
            IReadOnlyList<LauncherResult> reverse = Run(typeof(OrderDependentSnippet), TestOrder.Reverse);

            Assert.All(forward, r => Assert.Equal(LauncherOutcome.Passed, r.Outcome));
            LauncherResult failed = Assert.Single(reverse, r => r.Outcome == LauncherOutcome.Failed);
            Assert.EndsWith(".SecondNeedsTheFirstsPulses.0", failed.Name);
        }

        [Fact]
        public void OldClosedLoopSmokeTestsFailAsMeasuredUnderTheRealLauncher()
        {
            // Measured on nanoCLR: HardShortOpensTheSwitchInTheSameTick fails after
            // PulsesLastOneSecondAndRestsFiveSeconds, because Setup does not run again between them.
            IReadOnlyList<LauncherResult> results = Run(typeof(OldClosedLoopSmokeTests), TestOrder.Declaration);

            Assert.Equal(
                new[] { "CreateLoop.0 Passed", "PulsesLastOneSecondAndRestsFiveSeconds.0 Passed", "HardShortOpensTheSwitchInTheSameTick.0 Failed" },
                results.Select(r => r.Name.Substring(typeof(OldClosedLoopSmokeTests).FullName.Length + 1) + " " + r.Outcome));
        }

        [Fact]
        public void SetupRunsOncePerClass()
        {
            IReadOnlyList<LauncherResult> results = Run(typeof(SetupOnceSnippet), TestOrder.Declaration);

            Assert.Equal(3, results.Count);
            Assert.All(results, r => Assert.Equal(LauncherOutcome.Passed, r.Outcome));
        }

        [Fact]
        public void SkippedSetupSkipsTheClassWithoutCleanup()
        {
            LauncherResult only = Assert.Single(Run(typeof(SkippingSetupSnippet), TestOrder.Declaration));

            Assert.Equal(LauncherOutcome.Skipped, only.Outcome);
            Assert.EndsWith(".NoHardware.0", only.Name);
            Assert.Contains("no hardware", only.Message);
        }

        [Fact]
        public void FailedSetupIsReportedAndTheTestsStillRun()
        {
            // UnitTestLauncher only stops a class for a SkipTestException in Setup.
            IReadOnlyList<LauncherResult> results = Run(typeof(FailingSetupSnippet), TestOrder.Declaration);

            Assert.Equal(new[] { LauncherOutcome.Failed, LauncherOutcome.Passed }, results.Select(r => r.Outcome));
            Assert.Contains("setup broke", results[0].Message);
        }

        [Fact]
        public void TestMethodsRunBeforeDataRowsAndCleanupRunsLast()
        {
            IReadOnlyList<LauncherResult> results = Run(typeof(DataRowSnippet), TestOrder.Declaration);

            Assert.Equal(
                new[] { "Plain.0", "Second.0", "Rows.0", "Rows.1", "Both.0", "SeeTheOrder.0" },
                results.Select(r => r.Name.Substring(typeof(DataRowSnippet).FullName.Length + 1)));
            Assert.All(results, r => Assert.Equal(LauncherOutcome.Passed, r.Outcome));
        }

        [Fact]
        public void MethodsRunWithoutAnInstanceAndOnlyPublicOnesRun()
        {
            LauncherResult only = Assert.Single(Run(typeof(InstanceStateSnippet), TestOrder.Declaration));

            Assert.Equal(LauncherOutcome.Failed, only.Outcome);
            Assert.Contains(nameof(NullReferenceException), only.Message);
        }

        [Fact]
        public void OnlyTheOnDeviceNamespaceIsCollected()
        {
            Type[] classes = UnitTestLauncherEmulation.TestClasses(typeof(LauncherEmulationTests).Assembly, "NFUnitTest");

            Assert.NotEmpty(classes);
            Assert.All(classes, t => Assert.StartsWith("NFUnitTest.", t.FullName));
        }

        private static IReadOnlyList<LauncherResult> Run(Type snippet, TestOrder order)
        {
            // A fresh copy of the assembly per run, as the on-device runner does: statics start clean.
            var fresh = FreshTestAssembly.Load(snippet.Name + " " + order);
            return UnitTestLauncherEmulation.RunClass(FreshTestAssembly.TypeIn(fresh, snippet.FullName), order);
        }
    }
}
