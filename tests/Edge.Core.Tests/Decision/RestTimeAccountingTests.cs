using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// The pulse and rest times a module counts (<see cref="Edge.Core.Decision.ModuleDutyCycle.PulseTimeMs"/>,
/// <see cref="Edge.Core.Decision.ModuleDutyCycle.RestTimeMs"/>, the simulator's duty cycle) through the whole
/// controller, 10 ms ticks from 0 ms: each tick's interval belongs to what the module did in it, so a run that starts
/// in a rest counts no rest for the interval before its start, and one stopped in a rest keeps the rest up to the stop.
/// Expected times are counted by hand from the protocol's steps.
/// </summary>
public class RestTimeAccountingTests
{
    private sealed class Pack
    {
        private readonly SampleFrame _frame;
        private readonly ActionFrame _actions;

        public Pack(int modules, ControllerConfiguration configuration)
        {
            var layout = new PackLayout(modules, 1, 0);
            configuration.Mode = ControlMode.Observe;
            Controller = new EdgeController(layout, configuration);
            _frame = new SampleFrame(layout);
            _actions = new ActionFrame(layout);
        }

        public EdgeController Controller { get; }

        public long NowMs { get; private set; } = -10;

        /// <summary>Ticks every 10 ms up to and including <paramref name="untilMs"/>; each module's current is its setpoint.</summary>
        public void RunThrough(long untilMs)
        {
            while (NowMs < untilMs)
            {
                NowMs += 10;
                _frame.TickIndex = NowMs / 10;
                _frame.TimestampMs = NowMs;
                for (int m = 0; m < _frame.ModuleCurrentUa.Length; m++)
                {
                    // A healthy ohmic cell: 150 mV while its 385 uA flow.
                    bool on = _actions.SwitchClosed[m];
                    _frame.ModuleCurrentUa[m] = on ? _actions.CurrentSetpointUa[m] : 0;
                    _frame.CellVoltageMv[m] = on ? 150 : 0;
                }

                Controller.Tick(_frame, _actions);
            }
        }
    }

    private static ControllerConfiguration Configuration(params ProtocolStep[] steps)
    {
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = steps;
        configuration.Protocol.RestMode = RestMode.Fixed;
        return configuration;
    }

    private static ProtocolStep Strip1s => new ProtocolStep(ProtocolStepKind.Strip, 385, 1000);

    private static ProtocolStep Rest1s => new ProtocolStep(ProtocolStepKind.Rest, 0, 1000);

    [Fact]
    public void ScheduledModulesWaitingForTheirFirstGrantCountNoRestBeforeTheStart()
    {
        // Two modules, a demand of one module's 385 uA, strip 1 s / rest 1 s: the scheduler runs them in turn, so
        // over 0-30 s each is on 15 s and off 15 s. Every tick's interval after 0 ms is one module's current and the
        // other's rest: 3000 intervals of 10 ms, 1500 each way per module. The tick at 0 ms ends no interval of the
        // run (the modules start in it), so it is nobody's rest: the duty is 0.5 exactly, not 15 / 30.01.
        var configuration = Configuration(Strip1s, Rest1s);
        configuration.Scheduling.Enabled = true;
        configuration.Scheduling.DemandUa = 385;
        var pack = new Pack(2, configuration);
        pack.RunThrough(30000);
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal((15000L, 15000L), (pack.Controller.Module(m).PulseTimeMs, pack.Controller.Module(m).RestTimeMs));
        }
    }

    [Fact]
    public void AProtocolThatBeginsWithARestCountsItFromItsStart()
    {
        // Rest 1 s then strip 1 s, started at 0 ms: the rest is the intervals ending 10-1000 ms (1000 ms), the pulse
        // those ending 1010-2000 ms (1000 ms).
        var pack = new Pack(1, Configuration(Rest1s, Strip1s));
        pack.RunThrough(2000);
        Assert.Equal((1000L, 1000L), (pack.Controller.Module(0).PulseTimeMs, pack.Controller.Module(0).RestTimeMs));
    }

    [Fact]
    public void AModuleStoppedInARestKeepsTheRestUpToTheStop()
    {
        // Strip 1 s, rest 5 s; stopped at 3000 ms, in the rest that began at 1000 ms: the rest is the intervals ending
        // 1010-3000 ms (2000 ms), and nothing is counted once it is Done.
        var pack = new Pack(1, Configuration(Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000)));
        pack.RunThrough(2990);
        pack.Controller.RequestStop(0);
        pack.RunThrough(4000);
        Assert.Equal((1000L, 2000L), (pack.Controller.Module(0).PulseTimeMs, pack.Controller.Module(0).RestTimeMs));
    }

    [Fact]
    public void AModuleStoppedAndStartedInOneTickOfARestCountsThatIntervalOnce()
    {
        // As above, but a protocol change with start stops it and starts it again in the tick of 3000 ms: the interval
        // ending 3000 ms was rest, counted once; up to 3000 ms the times are those of the stopped run.
        var pack = new Pack(1, Configuration(Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000)));
        pack.RunThrough(2990);
        Assert.True(pack.Controller.RequestProtocol(pack.Controller.Configuration.Protocol.Clone(), true));
        pack.RunThrough(3000);
        Assert.Equal(Edge.Core.Records.ModuleState.Rest, pack.Controller.Module(0).State);
        Assert.Equal((1000L, 2000L), (pack.Controller.Module(0).PulseTimeMs, pack.Controller.Module(0).RestTimeMs));
    }
}
