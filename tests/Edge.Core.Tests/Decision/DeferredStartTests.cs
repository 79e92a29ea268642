using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// A protocol change with start during a pulse stops the module and starts it one tick later, so the interrupted
/// pulse ends with its switch open for a sample. That next tick starts it whatever its timestamp: a host whose
/// clock has not moved on between two samples must not leave the start pending until some other command comes.
/// </summary>
public class DeferredStartTests
{
    private readonly PackLayout _layout = new PackLayout(1, 2, 0);
    private readonly SampleFrame _frame;
    private readonly ActionFrame _actions;
    private readonly EdgeController _controller;

    public DeferredStartTests()
    {
        _controller = new EdgeController(_layout, new ControllerConfiguration());
        _frame = new SampleFrame(_layout);
        _actions = new ActionFrame(_layout);
    }

    private void Tick(long tick, long timestampMs)
    {
        _frame.CellVoltageMv[0] = 100;
        _frame.CellVoltageMv[1] = 100;
        _frame.CellVoltageStatus[0] = ChannelStatus.Valid;
        _frame.CellVoltageStatus[1] = ChannelStatus.Valid;
        _frame.ModuleCurrentUa[0] = _actions.SwitchClosed[0] ? _actions.CurrentSetpointUa[0] : 0;
        _frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
        _frame.TickIndex = tick;
        _frame.TimestampMs = timestampMs;
        _controller.Tick(_frame, _actions);
    }

    [Fact]
    public void DeferredStartFollowsOnTheNextTickEvenWithTheSameTimestamp()
    {
        long tick = 0;
        while (_controller.Module(0).State != ModuleState.Pulse && tick < 50)
        {
            Tick(tick, tick * 10);
            tick++;
        }

        Assert.Equal(ModuleState.Pulse, _controller.Module(0).State);

        _controller.RequestProtocol(_controller.ProtocolToAmend(), startAfter: true);
        long changeMs = tick * 10;
        Tick(tick++, changeMs);
        Assert.False(_actions.SwitchClosed[0]);
        Assert.True(_controller.IsStartPending);

        // The next sample carries the same timestamp (a coarse or stalled clock).
        Tick(tick++, changeMs);
        Assert.False(_controller.IsStartPending, "the deferred start was not applied on the tick after the stop");
        Assert.NotEqual(ModuleState.Done, _controller.Module(0).State);

        // And it does not wait for another command on the ticks after that either.
        for (int i = 1; i <= 5; i++)
        {
            Tick(tick++, changeMs + (i * 10));
        }

        Assert.False(_controller.IsStartPending);
        Assert.NotEqual(ModuleState.Done, _controller.Module(0).State);
    }
}
