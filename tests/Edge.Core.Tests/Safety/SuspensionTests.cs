using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// The controller's suspension (<see cref="EdgeController.RequestSuspend"/>): the firmware asks for it before a network
/// call that stops the whole runtime. Expected from its contract: every switch opens in the tick that applies it, a
/// <c>suspended</c> event names the reason and the bound, nothing latches; a gap while suspended is not judged as a
/// missed tick; after the resumption every module rests a whole rest step before its switch closes again; a gap outside
/// a suspension still latches <c>tickMissed</c>. Default protocol: 1 s strip pulses and 5 s fixed rests, so both modules
/// pulse from 6.0 to 7.0 s; 10 ms ticks.
/// </summary>
public class SuspensionTests
{
    private const int BoundMs = 60000;

    private static SyntheticPack Pack() =>
        new SyntheticPack(new PackLayout(2, 2, 0), new ControllerConfiguration(), c => SyntheticCells.Healthy(c));

    /// <summary>One tick <paramref name="afterMs"/> after the last, at the next tick index (the firmware's count).</summary>
    private static void StepAfter(SyntheticPack pack, long afterMs) => pack.StepAt(pack.NowMs + afterMs, pack.TickCount);

    private static bool AnyClosed(SyntheticPack pack) => pack.Actions.SwitchClosed[0] || pack.Actions.SwitchClosed[1];

    /// <summary>Both modules pulsing at 6.5 s, then a suspension applied at the next tick (6.51 s).</summary>
    private static SyntheticPack SuspendedInAPulse()
    {
        var pack = Pack();
        pack.RunUntil(6500);
        Assert.True(pack.Actions.SwitchClosed[0] && pack.Actions.SwitchClosed[1], "the test needs both pulses under way");
        pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, BoundMs);
        StepAfter(pack, 10);
        return pack;
    }

    [Fact]
    public void ASuspensionOpensEverySwitchInTheTickThatAppliesItWithAnEventAndNoLatch()
    {
        var pack = SuspendedInAPulse();
        Assert.False(AnyClosed(pack));
        Assert.Equal(0, pack.Actions.CurrentSetpointUa[0]);
        Assert.Equal(0, pack.Actions.CurrentSetpointUa[1]);
        Assert.True(pack.Controller.IsSuspended);

        var suspended = Assert.Single(pack.Events(EventKind.Suspended));
        Assert.Equal(6510, suspended.TimestampMs);
        Assert.Equal((long)SuspendReason.NetworkConnect, suspended.Value);
        Assert.Equal(BoundMs, suspended.Threshold);
        Assert.Equal(Severity.Info, suspended.Severity);

        // Not a fault: no module latched or held, the pulse ended into its rest.
        for (int m = 0; m < 2; m++)
        {
            Assert.False(pack.Controller.Diagnosis.HasLatchedFault(m));
            Assert.Equal(ModuleState.Rest, pack.Controller.Module(m).State);
        }

        Assert.DoesNotContain(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault);
    }

    [Fact]
    public void AGapWhileSuspendedIsNotAMissedTickAndNoSwitchClosesUntilTheResumption()
    {
        var pack = SuspendedInAPulse();

        // The runtime stood still for 1.5 s (a TLS handshake), then 2 s more of ticks: the 5 s rest would have ended at
        // 11.51 s, but no switch closes while suspended.
        StepAfter(pack, 1500);
        while (pack.NowMs < 13000)
        {
            StepAfter(pack, 10);
            Assert.False(AnyClosed(pack));
        }

        Assert.Empty(pack.Events(EventKind.TickTiming));
        Assert.True(pack.Controller.IsSuspended);

        // Resumed at the next tick after the request: 13.01 s, 6.5 s after the suspension's tick at 6.51 s.
        pack.Controller.RequestResume();
        StepAfter(pack, 10);
        Assert.False(pack.Controller.IsSuspended);
        var resumed = Assert.Single(pack.Events(EventKind.Resumed));
        Assert.Equal(13010, resumed.TimestampMs);
        Assert.Equal(13010 - 6510, resumed.Value);
        Assert.Equal(BoundMs, resumed.Threshold);
        Assert.Equal(Severity.Info, resumed.Severity);
        Assert.Empty(pack.Events(EventKind.TickTiming));
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0) || pack.Controller.Diagnosis.HasLatchedFault(1));
    }

    [Fact]
    public void EveryModuleRestsAWholeRestStepAfterTheResumption()
    {
        var pack = SuspendedInAPulse();
        StepAfter(pack, 1000);
        while (pack.NowMs < 13000)
        {
            StepAfter(pack, 10);
        }

        pack.Controller.RequestResume();
        StepAfter(pack, 10);
        long resumedMs = pack.NowMs;

        // The rest step is 5 s (fixed): the switches close again at the resumption plus 5 s, not before.
        while (!AnyClosed(pack))
        {
            StepAfter(pack, 10);
            Assert.True(pack.NowMs <= resumedMs + 5000, "no switch closed within the rest after the resumption");
        }

        Assert.Equal(resumedMs + 5000, pack.NowMs);
        Assert.True(pack.Actions.SwitchClosed[0] && pack.Actions.SwitchClosed[1]);
        Assert.Empty(pack.Events(EventKind.TickTiming));
    }

    [Fact]
    public void AGapAfterTheResumptionIsJudgedAgainAndLatches()
    {
        var pack = SuspendedInAPulse();
        StepAfter(pack, 10);
        pack.Controller.RequestResume();
        StepAfter(pack, 10);
        StepAfter(pack, 10);

        // 10 periods without a tick at 10 ms: missed, the pack isolated and latched in that tick.
        StepAfter(pack, 100);
        var missed = Assert.Single(pack.Events(EventKind.TickTiming));
        Assert.Equal(DiagnosisId.TickMissed, missed.Diagnosis);
        Assert.Equal(100, missed.Value);
        Assert.Equal(100, missed.Threshold);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0) && pack.Controller.Diagnosis.HasLatchedFault(1));
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
    }

    [Fact]
    public void ASuspensionTheHostNeverEndsEndsAtItsBoundWithAWarning()
    {
        var pack = Pack();
        pack.RunUntil(6500);
        pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, 200);
        StepAfter(pack, 10);
        long suspendedMs = pack.NowMs;
        while (pack.Controller.IsSuspended)
        {
            Assert.True(pack.NowMs < suspendedMs + 200, "still suspended past its bound");
            StepAfter(pack, 10);
        }

        var resumed = Assert.Single(pack.Events(EventKind.Resumed));
        Assert.Equal(suspendedMs + 200, resumed.TimestampMs);
        Assert.Equal(200, resumed.Value);
        Assert.Equal(200, resumed.Threshold);
        Assert.Equal(Severity.Warning, resumed.Severity);

        // A gap after the bound is judged again.
        StepAfter(pack, 10);
        StepAfter(pack, 150);
        Assert.Equal(DiagnosisId.TickMissed, Assert.Single(pack.Events(EventKind.TickTiming)).Diagnosis);
    }

    [Fact]
    public void AStartWhileSuspendedClosesNoSwitchAndRestsFirstAfterTheResumption()
    {
        var configuration = new ControllerConfiguration();
        configuration.StartImmediately = false;
        var pack = new SyntheticPack(new PackLayout(2, 2, 0), configuration, c => SyntheticCells.Healthy(c));
        StepAfter(pack, 10);
        pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, BoundMs);
        StepAfter(pack, 10);
        pack.Controller.RequestStart(-1);
        for (int i = 0; i < 100; i++)
        {
            StepAfter(pack, 10);
            Assert.False(AnyClosed(pack));
        }

        Assert.Equal(ModuleState.Rest, pack.Controller.Module(0).State);
        pack.Controller.RequestResume();
        StepAfter(pack, 10);
        long resumedMs = pack.NowMs;
        while (!AnyClosed(pack))
        {
            StepAfter(pack, 10);
        }

        Assert.Equal(resumedMs + 5000, pack.NowMs);
    }

    [Fact]
    public void AResumptionWithoutASuspensionAndAWithdrawnOneChangeNothing()
    {
        var pack = Pack();
        pack.RunUntil(6500);
        pack.Controller.RequestResume();
        StepAfter(pack, 10);

        // Asked for and withdrawn before a tick applied it: never in force.
        pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, BoundMs);
        pack.Controller.RequestResume();
        StepAfter(pack, 10);
        Assert.True(pack.Actions.SwitchClosed[0] && pack.Actions.SwitchClosed[1]);
        Assert.False(pack.Controller.IsSuspended);
        Assert.Empty(pack.Events(EventKind.Suspended));
        Assert.Empty(pack.Events(EventKind.Resumed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(EdgeController.LongestSuspendMs + 1)]
    public void ABoundOutsideItsRangeIsRefusedNamingItAndChangesNothing(int maximumMs)
    {
        var pack = Pack();
        pack.RunUntil(6500);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, maximumMs));
        Assert.Equal("maximumMs", refused.ParamName);
        Assert.Contains(maximumMs.ToString(), refused.Message);
        StepAfter(pack, 10);
        Assert.False(pack.Controller.IsSuspended);
        Assert.True(pack.Actions.SwitchClosed[0] && pack.Actions.SwitchClosed[1]);
        Assert.Empty(pack.Events(EventKind.Suspended));
    }

    [Fact]
    public void AnAcceptedRequestAllocatesNothing()
    {
        // The refusal's message is built only when it is thrown; the firmware asks for a window per broker connect step.
        var pack = Pack();
        pack.RunUntil(1000);
        long bytes = SteadyStateAllocation.BytesPerWindow(
            i =>
            {
                pack.Controller.RequestSuspend(SuspendReason.NetworkConnect, 1 + (i % EdgeController.LongestSuspendMs));
                pack.Controller.RequestResume();
            },
            0,
            10000);
        Assert.Equal(0, bytes);
    }
}
