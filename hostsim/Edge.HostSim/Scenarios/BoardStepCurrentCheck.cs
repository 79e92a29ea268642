// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// A protocol step past the board's module current limit, or in act mode past its derate level, refused naming the
/// board's key with the step's density. The core's checks said "current 385 uA exceeds the safety envelope's 300 uA" and
/// "is above the safety envelope's derate level, protection.moduleCurrentDerateUa 380 uA", leaving the figure to be traced
/// to the board file, under a field the scenario does not have. Where the controller's own limit or level is the tighter
/// one, the core's check names it as before.
/// </summary>
internal static class BoardStepCurrentCheck
{
    public static void Reject(ControllerConfiguration c, BoardDefinition board)
    {
        int limitUa = board.Safety.MaxModuleCurrentUa;
        bool boardLimit = c.Protection.ModuleMaximumCurrentUa == limitUa;
        string limit = string.Format(CultureInfo.InvariantCulture, "board {0}'s [safety] max_module_current_ma = {1:0.###} mA", board.Name, limitUa / 1000.0);
        if (boardLimit)
        {
            RejectAbove(c, limitUa, limit + ", which the controller may not cross", "or a board with a larger limit");
        }

        if (c.Mode != ControlMode.Act)
        {
            return;
        }

        int derateUa = c.Protection.ModuleCurrentDerateUa;
        int givenUa = board.Safety.ModuleCurrentDerateUa;
        string derate;
        if (givenUa != SafetyEnvelope.NotGiven && givenUa == derateUa)
        {
            derate = string.Format(CultureInfo.InvariantCulture, "board {0}'s derate level, [safety] module_current_derate_ma = {1:0.###} mA", board.Name, givenUa / 1000.0);
        }
        else if (boardLimit && givenUa == SafetyEnvelope.NotGiven && derateUa == ProtectionGrading.DerateBelow(limitUa))
        {
            derate = string.Format(
                CultureInfo.InvariantCulture,
                "the derate level {0:0.###} mA, {1} % of {2} (the board gives no module_current_derate_ma)",
                derateUa / 1000.0,
                ProtectionGrading.DeratePercent,
                limit);
        }
        else
        {
            return;
        }

        RejectAbove(c, derateUa, derate + ": act mode would derate every pulse from its first", "observe mode, or a board with a larger limit or level");
    }

    private static void RejectAbove(ControllerConfiguration c, int boundUa, string bound, string otherwise)
    {
        double areaCm2 = c.Protocol.ElectrodeAreaCm2;
        ProtocolStep[] steps = c.Protocol.Steps;
        for (int i = 0; i < steps.Length; i++)
        {
            ProtocolStep step = steps[i];
            if (!step.IsCurrentStep || step.CurrentUa <= boundUa)
            {
                continue;
            }

            throw new ScenarioException("protocol.steps[" + i.ToString(CultureInfo.InvariantCulture) + "]", string.Format(
                CultureInfo.InvariantCulture,
                "current {0} uA ({1:0.##} mA/cm2 of {2:0.####} cm2) exceeds {3}: give a step of at most {4} uA ({5:0.##} mA/cm2), {6}",
                step.CurrentUa,
                step.CurrentUa / 1000.0 / areaCm2,
                areaCm2,
                bound,
                boundUa,
                boundUa / 1000.0 / areaCm2,
                otherwise));
        }
    }
}
