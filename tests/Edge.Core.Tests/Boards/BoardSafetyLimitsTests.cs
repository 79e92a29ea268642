using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Boards;

public class BoardSafetyLimitsTests
{
    [Fact]
    public void TighterLimitWinsOnEachSide()
    {
        var configuration = new ControllerConfiguration();
        // Defaults: 1925 uA, -3300..3300 mV, 60.0 degC, plating 154 uA.
        var envelope = new SafetyEnvelope(maxModuleCurrentUa: 1000, maxPlatingCurrentUa: 500, cellVoltageMinMv: -3500, cellVoltageMaxMv: 3100, temperatureMaxDeciC: 450);
        BoardSafetyLimits.Apply(envelope, configuration);
        Assert.Equal(1000, configuration.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(3100, configuration.Protection.CellMaximumMv);
        Assert.Equal(-3300, configuration.Protection.CellMinimumMv);
        Assert.Equal(450, configuration.Protection.MaximumTemperatureDeciCelsius);
        Assert.Equal(154, configuration.Protocol.PlatingCriticalCurrentUa);
    }

    [Fact]
    public void A_module_without_a_setpoint_output_takes_away_current_reduction()
    {
        var configuration = new ControllerConfiguration();
        var envelope = new SafetyEnvelope(2000, 500, -3000, 3000, SafetyEnvelope.NoTemperatureLimit, platingPossible: false, currentSetpointOnEveryModule: false);

        BoardSafetyLimits.Apply(envelope, configuration);

        Assert.False(configuration.Protection.CurrentReductionSupported);

        // The limits do not rewrite a setting: an explicit reduction stays for the validator to refuse.
        Assert.Equal(20, configuration.Depletion.CurrentReductionPercent);
    }

    [Fact]
    public void Board_defaults_drop_the_reduction_only_without_a_setpoint_output()
    {
        var without = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardRuleAssert.Parsed(MinimalBoard.Text), without);
        Assert.Equal(0, without.Depletion.CurrentReductionPercent);

        var with = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardFiles.Parse(BoardFiles.DevKitC4s2m), with);
        Assert.Equal(20, with.Depletion.CurrentReductionPercent);
    }

    [Fact]
    public void Board_defaults_widen_the_current_tolerance_by_the_coarsest_setpoint_code()
    {
        // boards/README.md, "Current setpoints": the DevKitC's DAC puts 2550 uA at code 255, 10 uA a code, and a request
        // runs up to one code low: the tolerance is the default 20 uA plus 10. Applied again, it stays 30.
        var devKit = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardFiles.Parse(BoardFiles.DevKitC4s2m), devKit);
        Assert.Equal(30, devKit.Plausibility.CurrentToleranceUa);
        Assert.True(devKit.Plausibility.CurrentMagnitudeJudged);
        BoardCurrentSetpoints.ApplyDefaults(BoardFiles.Parse(BoardFiles.DevKitC4s2m), devKit);
        Assert.Equal(30, devKit.Plausibility.CurrentToleranceUa);

        // Without a setpoint output the load hardware sets the current: only the reading's sign is judged.
        var without = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardRuleAssert.Parsed(MinimalBoard.Text), without);
        Assert.Equal(20, without.Plausibility.CurrentToleranceUa);
        Assert.False(without.Plausibility.CurrentMagnitudeJudged);
    }

    [Fact]
    public void A_plating_current_above_the_boards_plating_limit_isolates_the_module()
    {
        // boards/README.md, [safety]: max_plating_current_ma is the largest plating current magnitude, and crossing a
        // limit there isolates. The DevKitC board with stages that can plate allows 2 mA either way (the controller's
        // 1925 uA is tighter) but 0.5 mA of plating: a plating pulse measured at 600 uA is outside its envelope, one
        // stripping at 600 uA is not. It went unseen below the module limit: only the commanded step was capped.
        string text = BoardFiles.Read(BoardFiles.DevKitC4s2m).Replace("current_stage = sink", "current_stage = bidirectional");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(500, board.Safety.MaxPlatingCurrentUa);
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out string reason), reason);
        var rig = new SnapshotRig(layout, BoardConfiguration.Create(board));
        var monitor = new ProtectionMonitor(rig.Configuration.Protection, layout);
        Assert.Equal(1925, rig.Configuration.Protection.ModuleMaximumCurrentUa);

        for (long t = 0; t < 40; t += 10)
        {
            rig.Begin(t);
            rig.SetCells(0, 100, 100);
            rig.SetCells(1, 100, 100);
            rig.SetCurrent(0, ModulePhase.Current, t < 20 ? -500 : -600);
            rig.SetCurrent(1, ModulePhase.Current, 600);
            monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
            rig.End();
        }

        // 500 uA is the limit itself; 600 uA of plating on the debounce's second tick is a fault that latches and isolates.
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 0));
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
        Assert.True(rig.Diagnosis.Requests.Isolate[0]);
        var raised = Assert.Single(rig.Raised(DiagnosisId.ModuleOvercurrent));
        Assert.Equal((30L, -600, 500, Severity.Fault), (raised.TimestampMs, raised.Value, raised.Threshold, raised.Severity));

        // Stripping at 600 uA is inside the 1925 uA module limit.
        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.ModuleOvercurrent, 1));
        Assert.False(rig.Diagnosis.Requests.Isolate[1]);
    }
}
