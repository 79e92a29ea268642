using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Actuation;

/// <summary>
/// <see cref="ActuationSafetyClamp"/> on its own: three modules of one cell whose engines were started into their first
/// pulse, so each wants its switch closed at the protocol's current, and a diagnosis filled by hand. Every rule is
/// checked against what the engines asked for, not against what the clamp wrote before.
/// </summary>
public class ActuationSafetyClampTests
{
    private sealed class Rig
    {
        public Rig(ProtocolStepKind kind, int currentUa)
        {
            Configuration = new ControllerConfiguration { Mode = ControlMode.Act };
            Configuration.Protocol.Steps = new[] { new ProtocolStep(kind, currentUa, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };
            var layout = new PackLayout(3, 1, 0);
            var telemetry = new TelemetryBuffer(64, 1);
            Diagnosis = new DiagnosisManager(Configuration.Diagnosis, layout, telemetry);
            Diagnosis.BeginTick(0, ControlMode.Act);
            Modules = new ModuleDutyCycle[3];
            for (int m = 0; m < 3; m++)
            {
                Modules[m] = new ModuleDutyCycle(m, m, 1, Configuration, Diagnosis.ProtectionLevels);
                Modules[m].Start(0, telemetry);
            }

            Clamp = new ActuationSafetyClamp(3, Configuration.Protection);
            Actions = new ActionFrame(layout);
        }

        public ControllerConfiguration Configuration { get; }

        public DiagnosisManager Diagnosis { get; }

        public ModuleDutyCycle[] Modules { get; }

        public ActuationSafetyClamp Clamp { get; }

        public ActionFrame Actions { get; }

        public (bool, int)[] Apply(bool uncalibrated = false)
        {
            Clamp.Apply(Modules, Diagnosis, uncalibrated, Actions);
            var applied = new (bool, int)[3];
            for (int m = 0; m < 3; m++)
            {
                applied[m] = (Actions.SwitchClosed[m], Actions.CurrentSetpointUa[m]);
                Assert.Equal(applied[m], (Clamp.LastSwitchClosed[m], Clamp.LastSetpointUa[m]));
            }

            return applied;
        }
    }

    [Fact]
    public void What_the_engines_ask_for_passes_when_nothing_stands_in_the_way()
    {
        var rig = new Rig(ProtocolStepKind.Strip, 385);
        Assert.True(rig.Modules[0].SwitchClosed);

        Assert.Equal(new[] { (true, 385), (true, 385), (true, 385) }, rig.Apply());
    }

    [Fact]
    public void A_latched_fault_or_an_isolation_request_opens_only_its_own_module()
    {
        var rig = new Rig(ProtocolStepKind.Strip, 385);

        // Cell 0 above its safety limit for the row's two readings latches module 0; module 2 is asked to isolate.
        rig.Diagnosis.Report(DiagnosisId.CellOvervoltage, 0, true, 3400, 3300);
        rig.Diagnosis.Report(DiagnosisId.CellOvervoltage, 0, true, 3400, 3300);
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        rig.Diagnosis.Requests.Request(2, DiagnosisReaction.IsolateModule, DiagnosisId.HardShort);

        Assert.Equal(new[] { (false, 0), (true, 385), (false, 0) }, rig.Apply());
    }

    [Fact]
    public void Readings_without_the_units_calibration_close_nothing()
    {
        var rig = new Rig(ProtocolStepKind.Strip, 385);

        Assert.Equal(new[] { (false, 0), (false, 0), (false, 0) }, rig.Apply(uncalibrated: true));
    }

    [Fact]
    public void A_setpoint_beyond_the_safety_envelope_is_held_at_the_envelope()
    {
        // The engines asked for 1000 uA under the default 1925 uA envelope; the envelope is then lowered to 600 uA.
        var rig = new Rig(ProtocolStepKind.Strip, 1000);
        rig.Configuration.Protection.ModuleMaximumCurrentUa = 600;

        Assert.Equal(new[] { (true, 600), (true, 600), (true, 600) }, rig.Apply());
    }

    [Fact]
    public void A_plating_setpoint_is_held_at_the_envelope_or_refused_by_a_stage_that_only_sinks()
    {
        // Plating 150 uA (under the 154 uA critical current), the envelope then lowered to 100 uA: -100 uA.
        var rig = new Rig(ProtocolStepKind.Plate, 150);
        Assert.Equal(-150, rig.Modules[1].SetpointUa);
        rig.Configuration.Protection.ModuleMaximumCurrentUa = 100;
        Assert.Equal(new[] { (true, -100), (true, -100), (true, -100) }, rig.Apply());

        rig.Configuration.Protection.PlatingSupported = false;
        Assert.Equal(new[] { (false, 0), (false, 0), (false, 0) }, rig.Apply());
    }

    [Fact]
    public void A_plating_setpoint_is_held_at_the_boards_plating_limit_inside_the_module_limit()
    {
        // Plating 150 uA under the 1925 uA module envelope; a board allows 120 uA of plating (its max_plating_current_ma):
        // the setpoint is held at -120 uA, while stripping keeps the module limit alone.
        var rig = new Rig(ProtocolStepKind.Plate, 150);
        rig.Configuration.Protection.ModuleMaximumPlatingCurrentUa = 120;
        Assert.Equal(new[] { (true, -120), (true, -120), (true, -120) }, rig.Apply());

        // The tighter of the two holds: a module limit under the plating limit still wins.
        rig.Configuration.Protection.ModuleMaximumCurrentUa = 100;
        Assert.Equal(new[] { (true, -100), (true, -100), (true, -100) }, rig.Apply());

        var stripping = new Rig(ProtocolStepKind.Strip, 385);
        stripping.Configuration.Protection.ModuleMaximumPlatingCurrentUa = 120;
        Assert.Equal(new[] { (true, 385), (true, 385), (true, 385) }, stripping.Apply());
    }
}
