using System.Text;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>A controller waiting for commands (no auto start), with a healthy pack and a state snapshot.</summary>
internal sealed class CommandRig
{
    public readonly PackLayout Layout = new(2, 2, 0);
    public readonly EdgeController Controller;
    public readonly CommandHandler Handler;
    private readonly SampleFrame _frame;
    private readonly ActionFrame _actions;
    private long _tick;

    /// <summary>When set, module 0's cells read this (e.g. over a limit) instead of the healthy values.</summary>
    public int CellMvOverride { get; set; } = int.MinValue;

    public CommandRig(CommandLimits limits = null, ControllerConfiguration configuration = null)
    {
        configuration ??= new ControllerConfiguration();
        configuration.StartImmediately = false;
        Controller = new EdgeController(Layout, configuration);
        Handler = new CommandHandler(Controller, limits ?? new CommandLimits());
        _frame = new SampleFrame(Layout);
        _actions = new ActionFrame(Layout);
    }

    public ActionFrame Actions => _actions;

    /// <summary>When set, the frames are marked as read through the board's nominal curves (no per-unit calibration).</summary>
    public bool Uncalibrated { get; set; }

    public CommandReply Send(string verb, string json) => Send(verb, Encoding.UTF8.GetBytes(json));

    public CommandReply Send(string verb, byte[] payload) => Handler.Handle(verb, payload, 0, payload.Length);

    /// <summary>
    /// The refusal a rig waiting for commands after its first tick gives <paramref name="json"/>, checked to change
    /// nothing as <see cref="SendRefusedChangingNothing(string, byte[], bool)"/> checks it.
    /// </summary>
    public static CommandReply RefusalFromIdleRig(string verb, string json) => RefusalFromIdleRig(verb, Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="RefusalFromIdleRig(string, string)"/>
    public static CommandReply RefusalFromIdleRig(string verb, byte[] payload)
    {
        var rig = new CommandRig();
        rig.Tick();
        return rig.SendRefusedChangingNothing(verb, payload);
    }

    /// <inheritdoc cref="SendRefusedChangingNothing(string, byte[], bool)"/>
    public CommandReply SendRefusedChangingNothing(string verb, string json) => SendRefusedChangingNothing(verb, Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Sends a command that must be refused and checks what the contract promises of a refusal (CONTRACT.md, Commands):
    /// it changes nothing, neither at once nor at the next tick, which this runs. The rig must be in a state a tick
    /// leaves as it is (idle, held, or part-way through a step). Returns the refusal for its field and message.
    /// </summary>
    public CommandReply SendRefusedChangingNothing(string verb, byte[] payload, bool retained = false)
    {
        string before = Snapshot();
        CommandReply reply = Handler.Handle(verb, payload, 0, payload.Length, retained);

        Assert.NotNull(reply);
        Assert.False(reply.Ok, verb + " was taken; it must be refused");
        Tick();
        Assert.Equal(before, Snapshot());
        return reply;
    }

    /// <summary>
    /// Starts every module (command id "s1") and reads module 0's cells at 5000 mV, over the 3300 mV envelope, until the
    /// fault latches, then healthy again: module 0 stays held, module 1 runs on.
    /// </summary>
    public void HoldModuleZero()
    {
        Tick();
        Assert.True(Send("start", "{\"id\":\"s1\"}").Ok);
        CellMvOverride = 5000;
        for (int i = 0; i < 50; i++)
        {
            Tick();
        }

        CellMvOverride = int.MinValue;
        Tick();
        Assert.Equal(ModuleState.Hold, Controller.Module(0).State);
        Assert.NotEqual(ModuleState.Hold, Controller.Module(1).State);
    }

    public void Tick()
    {
        _frame.TickIndex = _tick;
        _frame.TimestampMs = _tick * 10;
        for (int m = 0; m < Layout.ModuleCount; m++)
        {
            bool on = _actions.SwitchClosed[m];
            _frame.ModuleCurrentUa[m] = on ? _actions.CurrentSetpointUa[m] : 0;
            for (int c = 0; c < Layout.CellsPerModule; c++)
            {
                _frame.CellVoltageMv[Layout.FirstCellOf(m) + c] = m == 0 && CellMvOverride != int.MinValue ? CellMvOverride : (on ? 150 : 0);
            }
        }

        _frame.Uncalibrated = Uncalibrated;
        Controller.Tick(_frame, _actions);
        _tick++;
    }

    /// <summary>Everything a command could change: mode, protocol, module states, switches, revision.</summary>
    public string Snapshot()
    {
        var configuration = Controller.Configuration;
        var protocol = configuration.Protocol;
        var text = new StringBuilder();
        text.Append(configuration.Mode).Append('|').Append(configuration.ConfigurationRevisionOf(Controller)).Append('|');
        text.Append(protocol.Repeat).Append(protocol.RestMode).Append(protocol.MinimumRestMs).Append(',').Append(protocol.MaximumRestMs)
            .Append(',').Append(protocol.StripCutoffMv).Append(',').Append(protocol.PlateCutoffMv).Append(',').Append(protocol.CapacityLimitUc)
            .Append(',').Append(protocol.TimeLimitMs).Append(',').Append(protocol.PlatingCriticalCurrentUa).Append(',')
            .Append(protocol.DirectionChangeRestMs).Append(',').Append(protocol.DirectionChangeMaximumRestMs).Append('|');
        foreach (var step in protocol.Steps)
        {
            text.Append(step.Kind).Append(step.CurrentUa).Append('/').Append(step.DurationMs).Append(';');
        }

        for (int m = 0; m < Layout.ModuleCount; m++)
        {
            text.Append('|').Append(Controller.Module(m).State).Append(_actions.SwitchClosed[m]).Append(_actions.CurrentSetpointUa[m]);
        }

        text.Append('|').Append(Handler.TakeConfigRequest());
        return text.ToString();
    }
}

internal static class ConfigurationRevisionExtensions
{
    public static int ConfigurationRevisionOf(this ControllerConfiguration _, EdgeController controller) => controller.ConfigurationRevision;
}
