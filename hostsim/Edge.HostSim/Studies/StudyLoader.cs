// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>
/// Reads a study manifest strictly (unknown fields, duplicate keys, empty or repeated values, bad ranges are
/// rejected with the field named) and checks that every variant it makes is a valid scenario before anything runs.
/// </summary>
/// <remarks>
/// <code>
/// { "name": "pulse-x-rest", "seed": 7,
///   "base": "nak50-pulse-sweep.json" or { ...scenario... },
///   "axes": [ { "name": "pulseS", "values": [0.25, 0.5, 1] },
///             { "name": "restS", "range": { "from": 1, "to": 10, "count": 4, "scale": "log" } },
///             { "name": "tauS", "field": "pack.overrides.tauS", "random": { "min": 2, "max": 5 } } ],
///   "draws": 8 }
/// </code>
/// </remarks>
public static class StudyLoader
{
    /// <summary>Most variants one study may have.</summary>
    public const int MaximumVariants = 100000;

    public static StudySpec LoadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new StudyException("'" + path + "' is a folder; give the study's .json manifest");
        }

        if (!File.Exists(path))
        {
            throw new StudyException("no study manifest '" + path + "'");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        try
        {
            return Parse(File.ReadAllText(path), directory);
        }
        catch (ScenarioException e)
        {
            throw new StudyException("study '" + path + "': " + e.Message);
        }
        catch (StudyException e)
        {
            // An axis that changes nothing is found after parsing: it names the file as a parse error does.
            throw new StudyException("study '" + path + "': " + e.Message);
        }
    }

    /// <summary>Parses a manifest; a base scenario named by file is read relative to <paramref name="directory"/>.</summary>
    public static StudySpec Parse(string json, string directory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(string.Empty, JsonSyntax.Describe(e));
        }

        using (document)
        {
            JsonSyntax.RejectDuplicateKeys(document.RootElement, string.Empty);
            JsonSection root = new JsonSection(document.RootElement, string.Empty);
            // A study.json given as the manifest also holds what it derived from the variants (provenance, presets,
            // scenarioSeeds): accepted and not read, as it is written afresh from the variants.
            root.AcceptOnly("name", "seed", "base", "axes", "draws", "variants", "boards", StudyProvenance.ProvenanceKey, StudyProvenance.PresetsKey, StudyProvenance.ScenarioSeedsKey);
            string name = root.String("name");
            if (name.Trim().Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new ScenarioException("name", "must be a non-empty name usable in a file name");
            }

            ulong seed = (ulong)root.Integer("seed", 0, long.MaxValue, 1);
            JsonObject scenario;
            string baseDirectory = directory;
            JsonElement baseElement = root.Raw("base");
            if (baseElement.ValueKind == JsonValueKind.String)
            {
                string file = Path.Combine(directory, baseElement.GetString()!);
                if (!File.Exists(file))
                {
                    throw new ScenarioException("base", "no scenario file '" + file + "'");
                }

                baseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? directory;
                try
                {
                    scenario = ParseObject(File.ReadAllText(file), "base (" + baseElement.GetString() + ")");
                }
                catch (JsonException e)
                {
                    throw new ScenarioException("base", JsonSyntax.Describe(e) + " in '" + file + "'");
                }
            }
            else if (baseElement.ValueKind == JsonValueKind.Object)
            {
                scenario = (JsonObject)JsonNode.Parse(baseElement.GetRawText())!;
            }
            else
            {
                throw new ScenarioException("base", "must be a scenario object or the name of a scenario file, not " + JsonSection.Describe(baseElement.ValueKind));
            }

            List<StudyAxis> axes = new List<StudyAxis>();
            int index = 0;
            foreach (JsonElement element in root.Array("axes").EnumerateArray())
            {
                StudyAxis axis = ReadAxis(new JsonSection(element, "axes[" + index + "]"));
                if (axes.Any(a => a.Name == axis.Name))
                {
                    throw new ScenarioException("axes[" + index + "].name", "'" + axis.Name + "' names two axes");
                }

                axes.Add(axis);
                index++;
            }

            if (axes.Count == 0)
            {
                throw new ScenarioException("axes", "needs at least one axis");
            }

            bool random = axes.Any(a => a.IsRandom);
            int draws = (int)root.Integer("draws", 0, MaximumVariants, 0);
            if (random && draws == 0)
            {
                throw new ScenarioException("draws", "random axes need \"draws\": how many joint draws to make");
            }

            if (!random && draws > 0)
            {
                throw new ScenarioException("draws", "only random axes are drawn; give an axis a \"random\" range or leave draws out");
            }

            // study.json records the variant count and the board files read; a manifest may leave them out.
            root.Integer("variants", 0, MaximumVariants, 0);
            Dictionary<string, string> boards = root.Has("boards") ? ReadBoards(root) : new Dictionary<string, string>(StringComparer.Ordinal);
            AxisFieldOverlap.Check(axes, scenario);
            PlaceholderWithoutAxis.Check(axes, scenario);
            StudySpec spec = new StudySpec { Name = name, Seed = seed, Base = scenario, BaseDirectory = baseDirectory, Boards = boards, Axes = axes, Draws = draws };
            StudyPlan.CheckAxesAreUsed(spec);
            return spec;
        }
    }

    private static JsonObject ParseObject(string json, string what)
    {
        using (JsonDocument document = JsonDocument.Parse(json))
        {
            JsonSyntax.RejectDuplicateKeys(document.RootElement, string.Empty);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioException(what, "must hold a scenario object");
            }

            return (JsonObject)JsonNode.Parse(document.RootElement.GetRawText())!;
        }
    }

    /// <summary>"boards": [ { "file", "sha256", "text" } ], as <see cref="StudyFolder.Manifest"/> writes it.</summary>
    private static Dictionary<string, string> ReadBoards(JsonSection root)
    {
        Dictionary<string, string> boards = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement element in root.Array("boards").EnumerateArray())
        {
            JsonSection board = new JsonSection(element, "boards[" + index + "]");
            string file = board.String("file");
            string sha256 = board.String("sha256");
            string text = board.String("text");
            board.RejectUnknown();

            // The hash is what a reader compares with the board file they have; it must be the text's.
            if (sha256 != StudyFolder.Sha256(text))
            {
                throw new ScenarioException(board.FieldPath("sha256"), "is not the SHA-256 of the text recorded for board file '" + file + "' (was it edited?)");
            }

            if (!boards.TryAdd(file, text))
            {
                throw new ScenarioException(board.FieldPath("file"), "'" + file + "' is recorded twice");
            }

            index++;
        }

        return boards;
    }

    private static StudyAxis ReadAxis(JsonSection section)
    {
        section.AcceptOnly("name", "field", "values", "range", "random");
        string name = section.String("name");
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ScenarioException(section.FieldPath("name"), "'" + name + "' must be letters, digits and _ (it heads a study.csv column and fills {" + name + "} placeholders)");
        }

        if (StudyTable.IsFixedColumn(name))
        {
            throw new ScenarioException(section.FieldPath("name"), "'" + name + "' is a study.csv column already (" + StudyTable.VariantColumn + ", " + string.Join(", ", StudyTable.OutcomeColumns)
                + "): the header would have two columns of that name; give the axis another name");
        }

        string? field = section.Has("field") ? section.String("field") : null;
        if (field != null && !JsonFieldPath.IsValid(field))
        {
            throw new ScenarioException(section.FieldPath("field"), "'" + field + "' is not a scenario field path such as pack.overrides.tauS or protocol.steps[1]");
        }

        int kinds = (section.Has("values") ? 1 : 0) + (section.Has("range") ? 1 : 0) + (section.Has("random") ? 1 : 0);
        if (kinds != 1)
        {
            throw new ScenarioException(section.FieldPath("values"), "give exactly one of values, range and random");
        }

        StudyAxis axis;
        if (section.Has("values"))
        {
            List<JsonNode> values = new List<JsonNode>();

            // Repeats are told by the text a value reads as (study.csv's): 1 and 1.0 are one value. Hashed, not
            // compared pair by pair, which at the limit of values took hours before anything ran.
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            int i = 0;
            foreach (JsonElement value in section.Array("values").EnumerateArray())
            {
                string path = section.FieldPath("values[" + i + "]");
                if (value.ValueKind == JsonValueKind.Number && !double.IsFinite(value.GetDouble()))
                {
                    throw new ScenarioException(path, "must be finite");
                }

                if (value.ValueKind != JsonValueKind.Number && value.ValueKind != JsonValueKind.String && value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
                {
                    throw new ScenarioException(path, "must be a number, a string or a boolean, not " + JsonSection.Describe(value.ValueKind));
                }

                JsonNode node = JsonNode.Parse(value.GetRawText())!;
                if (!seen.Add(StudyPlan.Text(node)))
                {
                    throw new ScenarioException(path, StudyPlan.Text(node) + " is given twice");
                }

                values.Add(node);
                i++;
            }

            if (values.Count == 0)
            {
                throw new ScenarioException(section.FieldPath("values"), "needs at least one value");
            }

            axis = new StudyAxis { Name = name, Field = field, Values = values };
        }
        else if (section.Has("range"))
        {
            axis = new StudyAxis { Name = name, Field = field, Values = ReadRange(section.Section("range")) };
        }
        else
        {
            JsonSection random = section.Section("random");
            random.AcceptOnly("min", "max", "scale");
            double min = random.Number("min", -1e12, 1e12);
            double max = random.Number("max", -1e12, 1e12);
            string scale = random.String("scale", "linear");
            if (!(max > min))
            {
                throw new ScenarioException(random.FieldPath("max"), "must be above min");
            }

            if (scale != "linear" && scale != "log")
            {
                throw new ScenarioException(random.FieldPath("scale"), "must be \"linear\" or \"log\", not \"" + scale + "\"");
            }

            if (scale == "log" && !(min > 0))
            {
                throw new ScenarioException(random.FieldPath("min"), "a log scale needs min above 0");
            }

            axis = new StudyAxis { Name = name, Field = field, IsRandom = true, RandomMinimum = min, RandomMaximum = max, RandomLogarithmic = scale == "log" };
        }

        return axis;
    }

    private static List<JsonNode> ReadRange(JsonSection range)
    {
        range.AcceptOnly("from", "to", "step", "count", "scale");
        double from = range.Number("from", -1e12, 1e12);
        double to = range.Number("to", -1e12, 1e12);
        string scale = range.String("scale", "linear");
        bool hasStep = range.Has("step");
        bool hasCount = range.Has("count");
        if (hasStep == hasCount)
        {
            throw new ScenarioException(range.FieldPath("step"), "give exactly one of step and count");
        }

        if (scale != "linear" && scale != "log")
        {
            throw new ScenarioException(range.FieldPath("scale"), "must be \"linear\" or \"log\", not \"" + scale + "\"");
        }

        List<double> values = new List<double>();
        if (hasStep)
        {
            double step = range.Number("step", 1e-12, 1e12);
            if (scale == "log")
            {
                throw new ScenarioException(range.FieldPath("step"), "a log range takes count, not step");
            }

            if (to < from)
            {
                throw new ScenarioException(range.FieldPath("to"), "must not be below from");
            }

            long n = (long)Math.Floor(((to - from) / step) + 1e-9) + 1;
            if (n > MaximumVariants)
            {
                throw new ScenarioException(range.FieldPath("step"), "makes " + n + " values, more than " + MaximumVariants);
            }

            // The range ends at "to": a step that passes it by would leave it out without a word.
            double last = from + ((n - 1) * step);
            if (Math.Abs(last - to) > 1e-9 * Math.Max(1, Math.Abs(to)))
            {
                throw new ScenarioException(range.FieldPath("step"), string.Format(CultureInfo.InvariantCulture,
                    "{0:R} does not reach to = {1:R} from {2:R} (the last value would be {3:R}); give a step that divides the span, or count", step, to, from, StudyPlan.Round(last, 12)));
            }

            for (long k = 0; k < n; k++)
            {
                values.Add(from + (k * step));
            }
        }
        else
        {
            int count = (int)range.Integer("count", 1, MaximumVariants);
            if (count == 1 && to != from)
            {
                throw new ScenarioException(range.FieldPath("count"), "1 gives from alone and leaves out to; give 2 or more, or from = to");
            }

            if (scale == "log" && !(from > 0 && to > 0))
            {
                throw new ScenarioException(range.FieldPath("from"), "a log range needs from and to above 0");
            }

            for (int k = 0; k < count; k++)
            {
                double t = count == 1 ? 0 : (double)k / (count - 1);
                values.Add(scale == "log" ? Math.Exp(Math.Log(from) + (t * (Math.Log(to) - Math.Log(from)))) : from + (t * (to - from)));
            }
        }

        List<JsonNode> nodes = new List<JsonNode>();
        HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (double value in values)
        {
            // Twelve significant digits: 0.1 + 2 x 0.1 is 0.3, not 0.30000000000000004.
            JsonNode node = JsonValue.Create(StudyPlan.Round(value, 12));
            if (!seen.Add(StudyPlan.Text(node)))
            {
                throw new ScenarioException(range.FieldPath("count"), "makes " + StudyPlan.Text(node) + " twice");
            }

            nodes.Add(node);
        }

        return nodes;
    }
}
