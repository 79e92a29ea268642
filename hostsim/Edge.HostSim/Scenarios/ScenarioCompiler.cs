// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Sampling;

namespace Edge.HostSim.Scenarios;

/// <summary>Turns a scenario into the core's layout and configuration; rejects what the core would reject.</summary>
public static class ScenarioCompiler
{
    /// <summary>Coulombs per mAh.</summary>
    private const double CoulombPerMAh = 3.6;

    public static PackLayout Layout(Scenario scenario) => new PackLayout(scenario.Pack.Modules, scenario.Pack.CellsPerModule, scenario.Pack.TemperatureSensors);

    public static void Validate(Scenario scenario) => Compile(scenario);

    public static ControllerConfiguration Compile(Scenario scenario)
    {
        // One area for the cell physics and the controller: the pack's must agree with a board's [cells].
        ScenarioBoardCells.CheckArea(scenario);
        ControllerConfiguration c = new ControllerConfiguration();
        c.SamplePeriodMs = scenario.SamplePeriodMs;
        c.Mode = scenario.Controller.Act ? ControlMode.Act : ControlMode.Observe;
        ProtocolConfiguration p = c.Protocol;
        // The core's plating cap (0.4 mA/cm2) and module limit (5 mA/cm2) are kept in uA on its default area: scaled
        // to the pack's area by the helper the device uses for a board's [cells] area, or a smaller cell would plate
        // above the density at which it shorts and carry several times its current density. The area is the board's
        // [cells] area when the scenario gives none (ScenarioLoader); checked to agree above.
        double defaultAreaCm2 = p.ElectrodeAreaCm2;
        int defaultModuleMaximumUa = c.Protection.ModuleMaximumCurrentUa;
        ElectrodeAreaScaling.Apply(c, scenario.Pack.AreaCm2);
        if (c.Protection.ModuleMaximumCurrentUa < c.Protection.OpenSwitchCurrentUa)
        {
            // The open-switch threshold is a current, not a density: below it a module's whole current range would read
            // as "switch open". The core would refuse protection.openSwitchCurrentUa, a field the scenario does not have.
            double densityUaPerCm2 = defaultModuleMaximumUa / defaultAreaCm2;
            throw new ScenarioException("pack.areaCm2", string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} cm2 gives a module current limit of {1} uA ({2:0.#} mA/cm2), below the {3} uA the controller takes for current through an open switch; give at least {4} cm2",
                scenario.Pack.AreaCm2,
                c.Protection.ModuleMaximumCurrentUa,
                densityUaPerCm2 / 1000.0,
                c.Protection.OpenSwitchCurrentUa,
                Math.Ceiling(c.Protection.OpenSwitchCurrentUa / densityUaPerCm2 * 10000) / 10000));
        }

        p.RestMode = scenario.Protocol.AdaptiveRest ? RestMode.Adaptive : RestMode.Fixed;
        ProtocolStep[] steps = new ProtocolStep[scenario.Protocol.Steps.Count];
        for (int i = 0; i < steps.Length; i++)
        {
            if (!ProtocolStepParser.TryParse(scenario.Protocol.Steps[i], p.ElectrodeAreaCm2, out ProtocolStep step, out string error))
            {
                throw new ScenarioException("protocol.steps[" + i + "]", error + " (in \"" + scenario.Protocol.Steps[i] + "\")");
            }

            steps[i] = step;
        }

        p.Steps = steps;
        p.Repeat = scenario.Protocol.Repeat;
        if (scenario.Protocol.MinRestS.HasValue)
        {
            p.MinimumRestMs = RestMs("protocol.minRestS", scenario.Protocol.MinRestS.Value);
        }

        if (scenario.Protocol.MaxRestS.HasValue)
        {
            p.MaximumRestMs = RestMs("protocol.maxRestS", scenario.Protocol.MaxRestS.Value);
        }
        else if (p.MaximumRestMs < p.MinimumRestMs)
        {
            p.MaximumRestMs = p.MinimumRestMs;
        }

        if (scenario.Protocol.MinRestS.HasValue == false && p.MinimumRestMs > p.MaximumRestMs)
        {
            p.MinimumRestMs = p.MaximumRestMs;
        }

        p.StripCutoffMv = (int)Math.Round(scenario.Protocol.CutoffV * 1000);
        p.CapacityLimitUc = (long)Math.Round(scenario.Protocol.CapacityLimitMAhPerCm2 * p.ElectrodeAreaCm2 * CoulombPerMAh * 1e6);
        if (scenario.Protocol.CapacityLimitMAhPerCm2 > 0 && p.CapacityLimitUc == 0)
        {
            // The core counts charge in whole uC and reads a limit of 0 as none: the run would strip on past it.
            throw new ScenarioException("protocol.capacityLimitMAhPerCm2", string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} mAh/cm2 is less than the controller's 1 uC on the pack's {1} cm2, and a limit of 0 means none; give at least {2:G3} mAh/cm2, or 0 for no limit",
                scenario.Protocol.CapacityLimitMAhPerCm2,
                p.ElectrodeAreaCm2,
                1.0 / (p.ElectrodeAreaCm2 * CoulombPerMAh * 1e6)));
        }
        if (scenario.Controller.PlatingCriticalMAPerCm2.HasValue)
        {
            p.PlatingCriticalCurrentUa = Math.Max(1, (int)Math.Round(scenario.Controller.PlatingCriticalMAPerCm2.Value * p.ElectrodeAreaCm2 * 1000));
        }

        c.Protection.TemperatureSensorModules = scenario.Pack.TemperatureSensorModules;
        if (scenario.Measurement.BoardDefinition != null && scenario.Pack.TemperatureSensors > 0)
        {
            // Where the board's [temperature N] module keys put them, as on the device.
            Edge.Core.Boards.BoardTemperatureSensors.Apply(scenario.Measurement.BoardDefinition, c);
        }

        if (scenario.Controller.MinimumPulseS.HasValue)
        {
            c.PulseTuning.Enabled = true;
            c.PulseTuning.MinimumPulseMs = (int)Math.Round(scenario.Controller.MinimumPulseS.Value * 1000);
            if (c.PulseTuning.MinimumPulseMs < c.SamplePeriodMs)
            {
                // The core's own check would name its field in ms (pulseTuning.minimumPulseMs), which the scenario does not have.
                throw new ScenarioException("controller.minimumPulseS", string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "{0} s is shorter than the {1} ms sample period: a pulse ends at a sample, so it cannot be tuned below one; give at least {2} s",
                    scenario.Controller.MinimumPulseS.Value,
                    c.SamplePeriodMs,
                    c.SamplePeriodMs / 1000.0));
            }
        }

        // The hard-short and stuck-channel tests judge a cell by the polarisation a healthy one shows:
        // configured for the pack's cells, as an engineer flashing a controller for them would (or as
        // the board's [cells] section says).
        c.HardShort.NominalResistanceOhmCm2 = ScenarioBoardCells.NominalResistanceOhmCm2(scenario);

        if (scenario.Controller.SettledSlopeUvPerS.HasValue)
        {
            c.RestTuning.SettledSlopeUvPerS = scenario.Controller.SettledSlopeUvPerS.Value;
        }

        if (scenario.Controller.CusumInfoMv.HasValue)
        {
            c.Depletion.CusumInfoMv = scenario.Controller.CusumInfoMv.Value;
        }

        if (scenario.Controller.CusumWarningMv.HasValue)
        {
            c.Depletion.CusumWarningMv = scenario.Controller.CusumWarningMv.Value;
        }

        if (scenario.Controller.CusumFaultMv.HasValue)
        {
            c.Depletion.CusumFaultMv = scenario.Controller.CusumFaultMv.Value;
        }

        // A board with a module without a setpoint output cannot lower a current: its default is no reduction, as on
        // the device; a reduction the scenario asks for is refused below.
        if (scenario.Measurement.BoardDefinition != null)
        {
            Edge.Core.Boards.BoardCurrentSetpoints.ApplyDefaults(scenario.Measurement.BoardDefinition, c);

            // Cut-offs inside the board's cell limits, as the device boots with them; a cutoffV the scenario gives
            // stays, and one past the limit is refused below.
            int strip = p.StripCutoffMv;
            Edge.Core.Boards.BoardCutoffs.ApplyDefaults(scenario.Measurement.BoardDefinition, c);
            if (scenario.Protocol.CutoffGiven)
            {
                p.StripCutoffMv = strip;
                RejectCutoffPastTheBoard(scenario.Protocol.CutoffV, strip, scenario.Measurement.BoardDefinition);
            }
        }

        if (scenario.Controller.CurrentReductionPercent.HasValue)
        {
            c.Depletion.CurrentReductionPercent = scenario.Controller.CurrentReductionPercent.Value;
        }

        CheckCusumOrder(scenario.Controller, c.Depletion);
        DemandSpec? demand = scenario.Pack.Demand;
        if (demand != null)
        {
            c.Scheduling.Enabled = true;
            c.Scheduling.DemandUa = DemandMicroamps("pack.demand", demand.CurrentMA, demand.CurrentDensityMAPerCm2, p.ElectrodeAreaCm2);
            c.Scheduling.ProfileStartMs = new long[demand.Profile.Count];
            c.Scheduling.ProfileDemandUa = new int[demand.Profile.Count];
            for (int i = 0; i < demand.Profile.Count; i++)
            {
                DemandStepSpec step = demand.Profile[i];
                c.Scheduling.ProfileStartMs[i] = (long)Math.Round(step.AtS * 1000);
                c.Scheduling.ProfileDemandUa[i] = DemandMicroamps("pack.demand.profile[" + i + "]", step.CurrentMA, step.CurrentDensityMAPerCm2, p.ElectrodeAreaCm2);
            }
        }

        c.Telemetry.CellVoltagePeriodMs = 0;

        if (scenario.Measurement.BoardDefinition != null)
        {
            // The board's own limits tighten the safety envelope, as on the device.
            Edge.Core.Boards.BoardSafetyLimits.Apply(scenario.Measurement.BoardDefinition.Safety, c);
            string? levelConflict = Edge.Core.Boards.BoardSafetyLimits.LevelConflict(scenario.Measurement.BoardDefinition.Safety, c.Protection);
            if (levelConflict != null)
            {
                throw new ScenarioException("measurement.board", "board " + scenario.Measurement.BoardDefinition.Name + ": " + levelConflict);
            }

            BoardStepCurrentCheck.Reject(c, scenario.Measurement.BoardDefinition);
        }

        PackLayout layout = Layout(scenario);
        if (demand != null)
        {
            RejectDemandBeyondThePack(demand, c, layout.ModuleCount, p.ElectrodeAreaCm2);
        }

        ConfigurationError? coreError = ConfigurationValidator.Validate(c, layout);
        if (coreError != null && coreError.Field == "restTuning.slopeWindowMs")
        {
            // A scenario cannot set the window; only its sample period can make the window too many samples, or
            // shorter than one sample.
            int window = c.RestTuning.SlopeWindowMs;
            if (c.SamplePeriodMs > window)
            {
                throw new ScenarioException("samplePeriodMs", string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "{0} ms is longer than the core's {1} ms rest-slope window (restTuning.slopeWindowMs): at most {1} ms",
                    c.SamplePeriodMs,
                    window));
            }

            throw new ScenarioException("samplePeriodMs", string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} ms puts more than 256 samples in the core's {1} ms rest-slope window (restTuning.slopeWindowMs): at least {2} ms",
                c.SamplePeriodMs,
                window,
                (window + 255) / 256));
        }

        if (coreError != null)
        {
            string field = MapCoreField(coreError.Field);
            // A core field the scenario does not have is named as the core's; the protocol's steps are the scenario's own.
            bool scenarioField = field != coreError.Field || field.StartsWith("protocol.steps", StringComparison.Ordinal);
            throw new ScenarioException(field, scenarioField ? coreError.Message : coreError.Message + " (core configuration field " + coreError.Field + ")");
        }

        return c;
    }

    /// <summary>
    /// A <c>cutoffV</c> above the board's <c>cell_voltage_max_mv</c>, refused in the scenario's volts with the board's key:
    /// the core's own check said "2800 is out of range [1, 2500]", millivolts without a unit or the board named.
    /// </summary>
    private static void RejectCutoffPastTheBoard(double cutoffV, int cutoffMv, Edge.Core.Boards.BoardDefinition board)
    {
        int limitMv = board.Safety.CellVoltageMaxMv;
        if (cutoffMv <= limitMv)
        {
            return;
        }

        throw new ScenarioException("protocol.cutoffV", string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "{0} V lies above the cells' limit of board {1}, [safety] cell_voltage_max_mv = {2} mV, which the controller may not cross: give a cutoffV of at most {3} V, or leave it out to take the board's limit",
            cutoffV,
            board.Name,
            limitMv,
            limitMv / 1000.0));
    }

    /// <summary>
    /// A rest bound in the core's whole ms. One above 0 that rounds to 0 ms would compile silently to a bound of 0 (no
    /// minimum rest, or rests of no time): refused in seconds, as the step parser refuses a step shorter than 1 ms.
    /// </summary>
    private static int RestMs(string path, double seconds)
    {
        int ms = (int)Math.Round(seconds * 1000);
        if (seconds > 0 && ms == 0)
        {
            throw new ScenarioException(path, string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} s rounds to less than the controller's 1 ms and would be taken as 0 s; give at least 0.001 s, or 0",
                seconds));
        }

        return ms;
    }

    /// <summary>
    /// A demand in the core's whole uA. A demand above 0 that rounds to 0 would compile to an idle pack, and one beyond
    /// an int would reach the core as int.MaxValue and be refused under that number: both are refused here with the
    /// value the scenario gave.
    /// </summary>
    private static int DemandMicroamps(string path, double? currentMA, double? densityMAPerCm2, double areaCm2)
    {
        double ua = Math.Round(DemandSpec.ToMilliamps(currentMA, densityMAPerCm2, areaCm2) * 1000);
        string given = DemandGiven(currentMA, densityMAPerCm2, areaCm2);
        if (ua == 0 && (currentMA ?? densityMAPerCm2) > 0)
        {
            throw new ScenarioException(path, given + " is less than the controller's 1 uA: it would be a demand of 0; give at least 0.001 mA, or 0 for no demand");
        }

        if (ua > int.MaxValue)
        {
            throw new ScenarioException(path, string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} is {1:G4} uA, beyond what the controller's current setting holds ({2} uA) and the pack's modules could carry",
                given,
                ua,
                int.MaxValue));
        }

        return (int)ua;
    }

    private static string DemandGiven(double? currentMA, double? densityMAPerCm2, double areaCm2) => currentMA.HasValue
        ? currentMA.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " mA"
        : densityMAPerCm2!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " mA/cm2 on " + areaCm2.ToString(System.Globalization.CultureInfo.InvariantCulture) + " cm2";

    /// <summary>
    /// A demand the pack's modules cannot carry together is refused in the scenario's units: the core would refuse it
    /// too, but as a bare number of uA against its own range.
    /// </summary>
    private static void RejectDemandBeyondThePack(DemandSpec demand, ControllerConfiguration c, int modules, double areaCm2)
    {
        long packMaximumUa = (long)c.Protection.ModuleMaximumCurrentUa * modules;
        string ceiling = string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "at most {0} mA: {1} modules at their current limit of {2} uA",
            packMaximumUa / 1000.0,
            modules,
            c.Protection.ModuleMaximumCurrentUa);
        if (c.Scheduling.DemandUa > packMaximumUa)
        {
            throw new ScenarioException("pack.demand", DemandGiven(demand.CurrentMA, demand.CurrentDensityMAPerCm2, areaCm2) + " is more than the pack can carry; give " + ceiling);
        }

        for (int i = 0; i < demand.Profile.Count; i++)
        {
            if (c.Scheduling.ProfileDemandUa[i] > packMaximumUa)
            {
                DemandStepSpec step = demand.Profile[i];
                throw new ScenarioException("pack.demand.profile[" + i + "]", DemandGiven(step.CurrentMA, step.CurrentDensityMAPerCm2, areaCm2) + " is more than the pack can carry; give " + ceiling);
            }
        }
    }

    /// <summary>
    /// The depletion CUSUM levels must rise (info, warning, fault). A scenario may give only some of them, so
    /// the message names the scenario's field and the core defaults the others took.
    /// </summary>
    private static void CheckCusumOrder(ControllerSpec controller, Edge.Core.Configuration.Detection.DepletionConfiguration depletion)
    {
        int info = depletion.CusumInfoMv;
        int warning = depletion.CusumWarningMv;
        int fault = depletion.CusumFaultMv;
        string? field = null;
        if (warning < info)
        {
            field = controller.CusumWarningMv.HasValue ? "controller.cusumWarningMv" : "controller.cusumInfoMv";
        }
        else if (fault < warning)
        {
            field = controller.CusumFaultMv.HasValue ? "controller.cusumFaultMv" : "controller.cusumWarningMv";
        }

        if (field != null)
        {
            Edge.Core.Configuration.Detection.DepletionConfiguration defaults = new Edge.Core.Configuration.Detection.DepletionConfiguration();
            throw new ScenarioException(field, string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "the CUSUM levels must rise: cusumInfoMv ({0}) <= cusumWarningMv ({1}) <= cusumFaultMv ({2}); levels not given take the core defaults {3} / {4} / {5} mV",
                info, warning, fault, defaults.CusumInfoMv, defaults.CusumWarningMv, defaults.CusumFaultMv));
        }
    }

    private static string MapCoreField(string field) => field switch
    {
        "depletion.cusumInfoMv" => "controller.cusumInfoMv",
        "depletion.cusumWarningMv" => "controller.cusumWarningMv",
        "depletion.cusumFaultMv" => "controller.cusumFaultMv",
        "depletion.currentReductionPercent" => "controller.currentReductionPercent",
        "restTuning.settledSlopeUvPerS" => "controller.settledSlopeUvPerS",
        "hardShort.nominalResistanceOhmCm2" => "controller.nominalResistanceOhmCm2",
        "samplePeriodMs" => "samplePeriodMs",
        "protocol.minimumRestMs" => "protocol.minRestS",
        "protocol.maximumRestMs" => "protocol.maxRestS",
        "protocol.stripCutoffMv" => "protocol.cutoffV",
        "protocol.electrodeAreaCm2" => "pack.areaCm2",
        "protocol.platingCriticalCurrentUa" => "controller.platingCriticalMAPerCm2",
        "scheduling.demandUa" => "pack.demand",
        _ when field.StartsWith("scheduling.profile", StringComparison.Ordinal) => "pack.demand.profile" + field.Substring("scheduling.profile".Length),
        _ => field,
    };
}
