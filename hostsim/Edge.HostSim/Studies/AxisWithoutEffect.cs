// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.Core.Configuration.Protocol;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>
/// Some scenario fields are read only in one mode of the run: protocol.minRestS and maxRestS bound adaptive rests,
/// a rest step's length times fixed rests, controller.minimumPulseS and currentReductionPercent answer depletion in act
/// mode, the simple measurement chain's noise, step and rail give way to a board's ADC, and a study records no trace.
/// An axis over such a field in a study none of whose variants is in that mode ran N identical variants under N
/// labels. Refused before anything runs, naming the axis, the field and the mode; an axis that also varies the mode
/// (on another axis, or through a placeholder) puts some variant in it and is accepted.
/// </summary>
internal static class AxisWithoutEffect
{
    private static readonly ModeField[] s_fields =
    {
        new ModeField("protocol.minRestS", s => s.Protocol.AdaptiveRest, "it bounds adaptive rests only, and the protocol's rests are fixed in every variant (protocol.rest \"fixed\" or left out)", "set protocol.rest to \"adaptive\" in the base or on another axis"),
        new ModeField("protocol.maxRestS", s => s.Protocol.AdaptiveRest, "it bounds adaptive rests only, and the protocol's rests are fixed in every variant (protocol.rest \"fixed\" or left out)", "set protocol.rest to \"adaptive\" in the base or on another axis"),
        new ModeField("controller.minimumPulseS", s => s.Controller.Act, "pulses are shortened in answer to depletion in act mode only, and every variant runs in observe mode (controller.mode \"observe\")", "set controller.mode to \"act\" in the base or on another axis"),
        new ModeField("controller.currentReductionPercent", s => s.Controller.Act, "the current is lowered in answer to depletion in act mode only, and every variant runs in observe mode (controller.mode \"observe\")", "set controller.mode to \"act\" in the base or on another axis"),
        new ModeField("measurement.voltageLsbMv", s => s.Measurement.BoardDefinition == null, BoardChain, BoardRemedy),
        new ModeField("measurement.voltageNoiseMv", s => s.Measurement.BoardDefinition == null, BoardChain, BoardRemedy),
        new ModeField("measurement.currentNoiseUa", s => s.Measurement.BoardDefinition == null, BoardChain, BoardRemedy),
        new ModeField("measurement.voltageRailMv", s => s.Measurement.BoardDefinition == null, BoardChain, BoardRemedy),
        new ModeField("trace", s => false, "a study records no trace (study.csv holds each run's outcome)", "leave the axis out"),
    };

    private const string BoardChain = "it sets the simple measurement chain, and every variant reads its cells through measurement.board's ADC instead";

    private const string BoardRemedy = "vary measurement.adcNoiseCounts for the board's noise, or leave measurement.board out";

    /// <exception cref="StudyException">An axis sets only what none of the variants reads.</exception>
    public static void Check(StudySpec spec, IReadOnlyList<StudyVariant> variants)
    {
        for (int i = 0; i < spec.Axes.Count; i++)
        {
            StudyAxis axis = spec.Axes[i];
            // Named as the loader's refusals name an axis: at its field when it has one, else at the axis (a placeholder).
            string at = "axes[" + i + "]" + (axis.Field != null ? ".field" : string.Empty) + ": axis '" + axis.Name + "' ";
            ModeField? mode = axis.Field == null ? null : s_fields.FirstOrDefault(f => axis.Field == f.Field || axis.Field.StartsWith(f.Field + ".", StringComparison.Ordinal));
            if (mode != null && !variants.Any(v => mode.Reads(v.Scenario)))
            {
                throw new StudyException(at + "sets " + axis.Field + ", which changes nothing: " + mode.Why + "; " + mode.Remedy);
            }

            IReadOnlyList<int> steps = StepsOnly(spec.Base, axis);
            if (steps.Count > 0 && variants.All(v => v.Scenario.Protocol.AdaptiveRest && steps.All(s => IsRest(v.Scenario, s))))
            {
                string where = string.Join(", ", steps.Select(s => "protocol.steps[" + s + "]"));
                throw new StudyException(at + "sets the length of rest step " + where + ", which changes nothing: the protocol's rests are adaptive in every variant (protocol.rest \"adaptive\") and end when the cells have relaxed, within protocol.minRestS and maxRestS, whatever the step's length; "
                    + "vary protocol.minRestS or maxRestS, or set protocol.rest to \"fixed\"");
            }
        }
    }

    /// <summary>
    /// The protocol steps the axis sets (its field, or a step holding its placeholder), when it sets nothing else;
    /// empty when it sets anything outside protocol.steps.
    /// </summary>
    private static IReadOnlyList<int> StepsOnly(JsonObject baseScenario, StudyAxis axis)
    {
        List<string> paths = new List<string>();
        if (axis.Field != null)
        {
            paths.Add(axis.Field);
        }

        Holding(baseScenario, string.Empty, "{" + axis.Name + "}", paths);
        List<int> steps = new List<int>();
        foreach (string path in paths)
        {
            if (!path.StartsWith("protocol.steps[", StringComparison.Ordinal) || !path.EndsWith(']') || !int.TryParse(path["protocol.steps[".Length..^1], out int step))
            {
                return Array.Empty<int>();
            }

            steps.Add(step);
        }

        return steps.Distinct().Order().ToList();
    }

    /// <summary>Adds the path of every string under <paramref name="node"/> that holds <paramref name="placeholder"/>.</summary>
    private static void Holding(JsonNode? node, string path, string placeholder, List<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> entry in obj)
                {
                    Holding(entry.Value, path.Length == 0 ? entry.Key : path + "." + entry.Key, placeholder, paths);
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Holding(array[i], path + "[" + i + "]", placeholder, paths);
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if (value.GetValue<string>().Contains(placeholder, StringComparison.Ordinal))
                {
                    paths.Add(path);
                }

                break;
        }
    }

    private static bool IsRest(Scenario scenario, int step) =>
        step < scenario.Protocol.Steps.Count
        && ProtocolStepParser.TryParse(scenario.Protocol.Steps[step], scenario.Pack.AreaCm2, out ProtocolStep parsed, out _)
        && parsed.Kind == ProtocolStepKind.Rest;

    /// <summary>A scenario field, which variants read it, why the others do not, and what to do.</summary>
    private sealed record ModeField(string Field, Func<Scenario, bool> Reads, string Why, string Remedy);
}
