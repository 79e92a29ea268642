// Licensed under the MIT License.

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Randomness;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Studies;

/// <summary>
/// Expands a study into its variants, deterministically: the list and range axes crossed in manifest order
/// (the last axis varies fastest), each combination with every joint draw of the random axes (drawn from
/// the study seed). Every variant is loaded as a scenario, so a bad value fails here, before anything runs, and so
/// does an axis over a field none of the variants' modes reads (<see cref="AxisWithoutEffect"/>).
/// </summary>
public static class StudyPlan
{
    public static IReadOnlyList<StudyVariant> Expand(StudySpec spec)
    {
        List<StudyAxis> fixedAxes = spec.Axes.Where(a => !a.IsRandom).ToList();
        List<StudyAxis> randomAxes = spec.Axes.Where(a => a.IsRandom).ToList();
        // Counted without overflow: in a long, four axes of 65,536 values made 2^64 = 0 variants, which passed the
        // limit and were refused as an axis that changes nothing in "every" variant of none.
        BigInteger count = fixedAxes.Aggregate(BigInteger.One, (n, a) => n * a.Values.Count) * Math.Max(1, spec.Draws);
        if (count > StudyLoader.MaximumVariants)
        {
            throw new StudyException("axes: the study makes " + count.ToString(CultureInfo.InvariantCulture) + " variants, more than " + StudyLoader.MaximumVariants);
        }

        long combinations = (long)count;

        List<Dictionary<string, JsonNode>> draws = Draw(spec, randomAxes);
        List<StudyVariant> variants = new List<StudyVariant>();
        int[] position = new int[fixedAxes.Count];
        for (long c = 0; c < combinations / Math.Max(1, spec.Draws); c++)
        {
            foreach (Dictionary<string, JsonNode> draw in draws)
            {
                List<KeyValuePair<string, JsonNode>> parameters = new List<KeyValuePair<string, JsonNode>>();
                foreach (StudyAxis axis in spec.Axes)
                {
                    JsonNode value = axis.IsRandom ? draw[axis.Name] : axis.Values[position[fixedAxes.IndexOf(axis)]];
                    parameters.Add(new KeyValuePair<string, JsonNode>(axis.Name, value));
                }

                variants.Add(Make(spec, variants.Count, parameters));
            }

            for (int a = fixedAxes.Count - 1; a >= 0; a--)
            {
                position[a]++;
                if (position[a] < fixedAxes[a].Values.Count)
                {
                    break;
                }

                position[a] = 0;
            }
        }

        AxisWithoutEffect.Check(spec, variants);
        CheckUnitsCalibrate(variants);
        return variants;
    }

    /// <summary>
    /// A board's simulated unit is calibrated when its run starts: a board whose points contradict its front end
    /// loads as a scenario and then stopped the study part-way (exit 1, an AggregateException, no study.csv), in
    /// the shards that held such a variant only. Checked here, once per unit (board text, seed and ADC settings).
    /// </summary>
    private static void CheckUnitsCalibrate(IReadOnlyList<StudyVariant> variants)
    {
        HashSet<string> calibrated = new HashSet<string>(StringComparer.Ordinal);
        foreach (StudyVariant variant in variants)
        {
            MeasurementSpec m = variant.Scenario.Measurement;
            if (m.BoardDefinition == null || !m.UnitCalibrated)
            {
                continue;
            }

            string unit = string.Join("\n", variant.Scenario.Seed.ToString(CultureInfo.InvariantCulture), m.AdcVrefMv?.ToString("R", CultureInfo.InvariantCulture) ?? "-",
                m.AdcNoiseCounts.ToString("R", CultureInfo.InvariantCulture), m.AdcReadingsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-", m.BoardText ?? m.BoardDefinition.Name);
            if (!calibrated.Add(unit))
            {
                continue;
            }

            if (ClosedLoopRunner.UnitCalibrationProblem(variant.Scenario) is string problem)
            {
                string values = string.Join(", ", variant.Parameters.Select(p => p.Key + " = " + Text(p.Value)));
                throw new StudyException("variant " + variant.Id + " (" + values + ") is not a valid scenario: " + problem);
            }
        }
    }

    /// <summary>Variants of shard <paramref name="shard"/> (1-based) of <paramref name="shards"/>: every N-th, so long and short runs spread evenly.</summary>
    public static bool InShard(int variantIndex, int shard, int shards) => variantIndex % shards == shard - 1;

    /// <summary>An axis must change something: its field, or a {name} placeholder in the base.</summary>
    public static void CheckAxesAreUsed(StudySpec spec)
    {
        string text = spec.Base.ToJsonString();
        for (int i = 0; i < spec.Axes.Count; i++)
        {
            StudyAxis axis = spec.Axes[i];
            if (axis.Field == null && !text.Contains("{" + axis.Name + "}", StringComparison.Ordinal))
            {
                throw new StudyException("axes[" + i.ToString(CultureInfo.InvariantCulture) + "]: axis '" + axis.Name + "' has no field and the base scenario has no {" + axis.Name + "} placeholder: it would change nothing");
            }
        }
    }

    /// <summary>How a value reads in study.csv, the report and a filled placeholder.</summary>
    public static string Text(JsonNode node)
    {
        JsonValue value = node.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => node.ToJsonString(),
        };
    }

    /// <summary>Rounds to <paramref name="digits"/> significant digits.</summary>
    public static double Round(double value, int digits) =>
        value == 0 || !double.IsFinite(value) ? value : double.Parse(value.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// Tries per joint draw before a study whose random axes are too narrow to give <see cref="StudySpec.Draws"/>
    /// different draws is refused.
    /// </summary>
    private const int TriesPerDraw = 100;

    private static List<Dictionary<string, JsonNode>> Draw(StudySpec spec, List<StudyAxis> randomAxes)
    {
        List<Dictionary<string, JsonNode>> draws = new List<Dictionary<string, JsonNode>>();
        if (randomAxes.Count == 0)
        {
            draws.Add(new Dictionary<string, JsonNode>());
            return draws;
        }

        SimRandom random = new SimRandom(spec.Seed ^ 0x57D7UL);
        HashSet<string> drawn = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < spec.Draws; d++)
        {
            // A draw that repeats an earlier one (after rounding) would run the same variant twice: drawn again.
            for (int attempt = 0; ; attempt++)
            {
                Dictionary<string, JsonNode> draw = new Dictionary<string, JsonNode>();
                foreach (StudyAxis axis in randomAxes)
                {
                    draw[axis.Name] = JsonValue.Create(DrawValue(axis, random.NextDouble()));
                }

                if (drawn.Add(string.Join(",", randomAxes.Select(a => Text(draw[a.Name])))))
                {
                    draws.Add(draw);
                    break;
                }

                if (attempt == TriesPerDraw * spec.Draws)
                {
                    throw new StudyException("draws: the random axes give fewer than " + spec.Draws + " different draws (a linear axis is drawn to 4 significant digits of its width, a log axis to 4 of the value); ask for fewer draws or widen a range");
                }
            }
        }

        return draws;
    }

    /// <summary>
    /// One value of a random axis from a uniform <paramref name="u"/>, rounded for readable step texts and tables
    /// and an exact round trip: a linear axis to 4 significant digits of its range's width (2.9 to 3.1 by 0.0001:
    /// rounding the value itself to 4 digits would leave 200 values, and draws that repeat), a log axis to 4
    /// significant digits of the value.
    /// </summary>
    private static double DrawValue(StudyAxis axis, double u)
    {
        double min = axis.RandomMinimum;
        double max = axis.RandomMaximum;
        double value;
        if (axis.RandomLogarithmic)
        {
            value = Round(Math.Exp(Math.Log(min) + (u * (Math.Log(max) - Math.Log(min)))), 4);
        }
        else
        {
            double resolution = Math.Pow(10, Math.Floor(Math.Log10(max - min)) - 3);
            value = Round(Math.Round((min + (u * (max - min))) / resolution) * resolution, 12);
        }

        return Math.Clamp(value, min, max);
    }

    private static StudyVariant Make(StudySpec spec, int index, List<KeyValuePair<string, JsonNode>> parameters)
    {
        JsonObject scenario = (JsonObject)Fill(spec.Base, parameters)!;
        string id = "v" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);
        foreach (KeyValuePair<string, JsonNode> parameter in parameters)
        {
            int axis = spec.Axes.ToList().FindIndex(a => a.Name == parameter.Key);
            string? field = spec.Axes[axis].Field;
            if (field != null)
            {
                try
                {
                    JsonFieldPath.Set(scenario, field, parameter.Value);
                }
                catch (StudyException e)
                {
                    // The base lacks the field's place, so every variant would: the axis is at fault, not this variant.
                    throw new StudyException("axes[" + axis.ToString(CultureInfo.InvariantCulture) + "].field: axis '" + parameter.Key + "' sets " + e.Message);
                }
            }
        }

        string baseName = scenario["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : spec.Name;
        scenario["name"] = baseName + "-" + id;
        string json = scenario.ToJsonString();
        Scenario parsed;
        try
        {
            parsed = ScenarioLoader.Parse(json, spec.BaseDirectory, spec.Boards);
        }
        catch (ScenarioException e)
        {
            string values = string.Join(", ", parameters.Select(p => p.Key + " = " + Text(p.Value)));
            throw new StudyException("variant " + id + " (" + values + ") is not a valid scenario: " + e.Message);
        }

        // The board's text with the scenario's: a result measured through another version of the file is another run.
        string sha256 = StudyFolder.Sha256(json + "\n" + (parsed.Measurement.BoardText ?? string.Empty));
        return new StudyVariant { Index = index, Parameters = parameters, Scenario = parsed, ScenarioSha256 = sha256 };
    }

    /// <summary>A copy of the tree with "{name}" placeholders filled; a string that is only a placeholder takes the value's own type.</summary>
    private static JsonNode? Fill(JsonNode? node, List<KeyValuePair<string, JsonNode>> parameters)
    {
        return JsonTemplate.FillStrings(node, text =>
        {
            foreach (KeyValuePair<string, JsonNode> parameter in parameters)
            {
                string placeholder = "{" + parameter.Key + "}";
                if (text == placeholder)
                {
                    return parameter.Value.DeepClone();
                }

                text = text.Replace(placeholder, Text(parameter.Value), StringComparison.Ordinal);
            }

            return JsonValue.Create(text);
        });
    }
}
