// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// Reads and strictly validates a corpus spec (JSON, camelCase): <c>{ "families": [ ... ] }</c>, each family
/// with name, runs, parameters, a scenario template, variants, comparisons and targets. Every rejection is a
/// <see cref="CorpusException"/> naming the field; whether the scenarios themselves are valid is checked when
/// the corpus is generated (every generated scenario goes through the scenario loader).
/// </summary>
public static partial class CorpusSpecLoader
{
    /// <summary>Most draws one family may ask for.</summary>
    public const int MaximumRuns = 10000;

    public static IReadOnlyList<FamilySpec> LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new CorpusException(string.Empty, "cannot read spec '" + path + "': " + e.Message);
        }

        return Parse(text);
    }

    public static IReadOnlyList<FamilySpec> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // Lines and columns as an editor shows them (the parser counts from 0), as for a scenario file.
            throw new CorpusException(string.Empty, JsonSyntax.Describe(e));
        }

        try
        {
            using (document)
            {
                // As in a scenario file: the parser keeps the last of a key given twice, so a family's second "name" or
                // "runs" silently won, and a key twice inside a family's scenario ended in an ArgumentException (exit 1).
                JsonSyntax.RejectDuplicateKeys(document.RootElement, string.Empty);
                JsonSection root = new JsonSection(document.RootElement, string.Empty);
                List<FamilySpec> families = new List<FamilySpec>();
                int index = 0;
                foreach (JsonElement element in root.Array("families").EnumerateArray())
                {
                    FamilySpec family = ReadFamily(new JsonSection(element, "families[" + index + "]"));
                    if (families.Any(f => f.Name == family.Name))
                    {
                        throw new CorpusException("families[" + index + "].name", "family '" + family.Name + "' is defined twice");
                    }

                    families.Add(family);
                    index++;
                }

                if (families.Count == 0)
                {
                    throw new CorpusException("families", "needs at least one family");
                }

                root.RejectUnknown();
                return families;
            }
        }
        catch (ScenarioException e)
        {
            throw new CorpusException(e.Path, e.Problem);
        }
    }

    private static FamilySpec ReadFamily(JsonSection section)
    {
        string name = section.String("name");
        if (!NamePattern().IsMatch(name))
        {
            throw new CorpusException(section.FieldPath("name"), "'" + name + "' must be 1-40 letters, digits, '-' or '_' (it names files)");
        }

        string description = section.String("description", string.Empty);
        int runs = (int)section.Integer("runs", 1, MaximumRuns, 12);
        List<ParameterSpec> parameters = new List<ParameterSpec>();
        if (section.Has("parameters"))
        {
            JsonSection parameterSection = section.Section("parameters");
            foreach (JsonProperty property in section.Raw("parameters").EnumerateObject())
            {
                if (!ParameterNamePattern().IsMatch(property.Name))
                {
                    throw new CorpusException(parameterSection.FieldPath(property.Name), "parameter names are letters and digits, starting with a letter");
                }

                parameters.Add(ReadParameter(property.Name, parameterSection.Section(property.Name)));
            }
        }

        JsonElement scenarioElement = section.Raw("scenario");
        if (scenarioElement.ValueKind != JsonValueKind.Object)
        {
            throw new CorpusException(section.FieldPath("scenario"), "must be an object (a scenario as in a scenario file)");
        }

        JsonObject scenario = JsonNode.Parse(scenarioElement.GetRawText())!.AsObject();
        foreach (string generated in new[] { "name", "seed" })
        {
            if (scenario.ContainsKey(generated))
            {
                throw new CorpusException(section.FieldPath("scenario." + generated), "is set by the corpus (family-draw-variant, and the draw's seed); leave it out");
            }
        }

        List<VariantSpec> variants = new List<VariantSpec>();
        if (section.Has("variants"))
        {
            int index = 0;
            foreach (JsonElement element in section.Array("variants").EnumerateArray())
            {
                JsonSection v = new JsonSection(element, section.FieldPath("variants[" + index + "]"));
                string variantName = v.String("name");
                if (!NamePattern().IsMatch(variantName))
                {
                    throw new CorpusException(v.FieldPath("name"), "'" + variantName + "' must be 1-40 letters, digits, '-' or '_' (it names files)");
                }

                if (variants.Any(x => x.Name == variantName))
                {
                    throw new CorpusException(v.FieldPath("name"), "variant '" + variantName + "' is defined twice");
                }

                Dictionary<string, JsonNode?> set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                if (v.Has("set"))
                {
                    JsonSection setSection = v.Section("set");
                    foreach (JsonProperty property in v.Raw("set").EnumerateObject())
                    {
                        if (property.Name is "name" or "seed" || property.Name.Length == 0 || property.Name.Split('.').Any(p => p.Length == 0))
                        {
                            throw new CorpusException(setSection.FieldPath(property.Name), "must be a dotted scenario path such as controller.mode (not name or seed)");
                        }

                        set[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    }
                }

                v.RejectUnknown();
                variants.Add(new VariantSpec { Name = variantName, Set = set });
                index++;
            }
        }

        if (variants.Count == 0)
        {
            variants.Add(new VariantSpec { Name = "run" });
        }

        List<RatioSpec> ratios = new List<RatioSpec>();
        if (section.Has("ratios"))
        {
            int index = 0;
            foreach (JsonElement element in section.Array("ratios").EnumerateArray())
            {
                JsonSection r = new JsonSection(element, section.FieldPath("ratios[" + index + "]"));
                RatioSpec ratio = new RatioSpec
                {
                    Numerator = VariantName(r, "numerator", variants),
                    Denominator = VariantName(r, "denominator", variants),
                };
                r.RejectUnknown();
                ratios.Add(ratio);
                index++;
            }
        }

        List<ParetoSpec> pareto = new List<ParetoSpec>();
        if (section.Has("pareto"))
        {
            int index = 0;
            foreach (JsonElement element in section.Array("pareto").EnumerateArray())
            {
                JsonSection p = new JsonSection(element, section.FieldPath("pareto[" + index + "]"));
                string candidate = VariantName(p, "candidate", variants);

                // The scores are named by candidate (pareto.<candidate>.dominatedDraws): a second entry for it wrote over the
                // first's, and a target on them judged the last entry alone.
                if (pareto.Any(earlier => earlier.Candidate == candidate))
                {
                    throw new CorpusException(p.FieldPath("candidate"), "'" + candidate + "' is the candidate of an earlier entry already; give all its references in one entry");
                }

                List<string> references = new List<string>();
                int r = 0;
                foreach (JsonElement reference in p.Array("references").EnumerateArray())
                {
                    string path = p.FieldPath("references[" + r + "]");
                    string? referenceName = reference.ValueKind == JsonValueKind.String ? reference.GetString() : null;
                    if (referenceName == null || variants.All(v => v.Name != referenceName))
                    {
                        throw new CorpusException(path, "must name a variant of the family (" + string.Join(", ", variants.Select(v => v.Name)) + ")");
                    }

                    // Named twice, the score keyed its ratios by reference and failed after every run of the corpus had
                    // run; the candidate as its own reference can never dominate it and puts a ratio of 1 into its figures.
                    if (referenceName == candidate || references.Contains(referenceName))
                    {
                        throw new CorpusException(path, "'" + referenceName + "' is " + (referenceName == candidate ? "the candidate itself" : "named twice") + "; name each other variant once");
                    }

                    references.Add(referenceName);
                    r++;
                }

                if (references.Count == 0)
                {
                    throw new CorpusException(p.FieldPath("references"), "needs at least one reference variant");
                }

                p.RejectUnknown();
                pareto.Add(new ParetoSpec { Candidate = candidate, References = references });
                index++;
            }
        }

        bool healthy = section.Boolean("healthy", false);
        double horizon = section.Number("warningHorizonS", 0.01, 1e6, 60);
        List<TargetSpec> targets = new List<TargetSpec>();
        if (section.Has("targets"))
        {
            int index = 0;
            foreach (JsonElement element in section.Array("targets").EnumerateArray())
            {
                JsonSection t = new JsonSection(element, section.FieldPath("targets[" + index + "]"));
                TargetSpec target = new TargetSpec
                {
                    Metric = t.String("metric"),
                    Minimum = t.OptionalNumber("min", double.MinValue, double.MaxValue),
                    Maximum = t.OptionalNumber("max", double.MinValue, double.MaxValue),
                };
                if (target.Minimum == null && target.Maximum == null)
                {
                    throw new CorpusException(t.FieldPath("min"), "a target needs min, max or both");
                }

                if (target.Minimum > target.Maximum)
                {
                    throw new CorpusException(t.FieldPath("max"), "must not be below min: no value could meet the target");
                }

                t.RejectUnknown();
                targets.Add(target);
                index++;
            }
        }

        section.RejectUnknown();
        FamilySpec family = new FamilySpec
        {
            Name = name,
            Description = description,
            Runs = runs,
            Parameters = parameters,
            Scenario = scenario,
            Variants = variants,
            Ratios = ratios,
            Pareto = pareto,
            Healthy = healthy,
            WarningHorizonS = horizon,
            Targets = targets,
        };
        CheckPlaceholders(family, section);
        return family;
    }

    private static ParameterSpec ReadParameter(string name, JsonSection section)
    {
        if (section.Has("values"))
        {
            List<double> values = new List<double>();
            int index = 0;
            foreach (JsonElement element in section.Array("values").EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Number)
                {
                    throw new CorpusException(section.FieldPath("values[" + index + "]"), "must be a number, not " + JsonSection.Describe(element.ValueKind));
                }

                values.Add(element.GetDouble());
                index++;
            }

            if (values.Count == 0)
            {
                throw new CorpusException(section.FieldPath("values"), "needs at least one value");
            }

            section.RejectUnknown();
            return new ParameterSpec { Name = name, Values = values };
        }

        double minimum = section.Number("min", -1e12, 1e12);
        double maximum = section.Number("max", -1e12, 1e12);
        if (maximum < minimum)
        {
            throw new CorpusException(section.FieldPath("max"), "must not be below min");
        }

        int decimals = (int)section.Integer("decimals", 0, 12, 3);
        section.RejectUnknown();
        ParameterSpec parameter = new ParameterSpec { Name = name, Minimum = minimum, Maximum = maximum, Decimals = decimals };
        if (parameter.LowestDrawable > parameter.HighestDrawable)
        {
            throw new CorpusException(section.FieldPath("decimals"), "no value with " + decimals + " decimals lies between min " + TemplateFiller.Format(minimum) + " and max " + TemplateFiller.Format(maximum) + "; give more decimals");
        }

        return parameter;
    }

    private static string VariantName(JsonSection section, string field, IReadOnlyList<VariantSpec> variants)
    {
        string name = section.String(field);
        if (variants.All(v => v.Name != name))
        {
            throw new CorpusException(section.FieldPath(field), "'" + name + "' is not a variant of the family (" + string.Join(", ", variants.Select(v => v.Name)) + ")");
        }

        return name;
    }

    /// <summary>
    /// Every ${name} in the template and the variants must be a parameter of the family, and every parameter must be
    /// used: one that is not (a misspelt placeholder, or one left over) would be drawn and listed with every run while
    /// no run depends on it, so the score would seem to span it.
    /// </summary>
    private static void CheckPlaceholders(FamilySpec family, JsonSection section)
    {
        HashSet<string> known = new HashSet<string>(family.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        HashSet<string> unused = new HashSet<string>(known, StringComparer.Ordinal);
        void Check(JsonNode? node, string path)
        {
            foreach (string used in TemplateFiller.Placeholders(node))
            {
                if (!known.Contains(used))
                {
                    throw new CorpusException(path, "uses ${" + used + "}, which is not a parameter of the family" + (known.Count > 0 ? " (" + string.Join(", ", known) + ")" : string.Empty));
                }

                unused.Remove(used);
            }
        }

        Check(family.Scenario, section.FieldPath("scenario"));
        for (int v = 0; v < family.Variants.Count; v++)
        {
            foreach (KeyValuePair<string, JsonNode?> entry in family.Variants[v].Set)
            {
                Check(entry.Value, section.FieldPath("variants[" + v + "].set." + entry.Key));
            }
        }

        foreach (ParameterSpec parameter in family.Parameters)
        {
            if (unused.Contains(parameter.Name))
            {
                throw new CorpusException(section.FieldPath("parameters." + parameter.Name), "is never used: no ${" + parameter.Name + "} in the scenario or a variant's set; use it there or remove it");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex ParameterNamePattern();
}
