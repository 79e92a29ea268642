// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Studies;

/// <summary>
/// A variant's result.json as it is written and as it is taken back on resume and merge. A result is taken only
/// when it parses, holds every field study.csv needs with a value a run can give, is this variant's (its id, index
/// and axis values, and the SHA-256 of the scenario it ran, <see cref="StudyVariant.ScenarioSha256"/>) and still
/// matches the SHA-256 of its own fields written with it (resultSha256): a truncated file, one copied from another
/// variant or study, or one edited by hand is not merged into study.csv as if it were the run's.
/// </summary>
public static class StudyResultCheck
{
    /// <summary>The field that holds the SHA-256 of the result's other fields.</summary>
    public const string DigestField = "resultSha256";

    private static readonly string[] s_numberFields = { "capacityMAhPerCm2", "dutyCycle", "meanRestS", "simulatedS" };

    private static readonly string[] s_countFields = { "index", "events", "warnings", "faults", "depletionOnsets", "softShorts", "hardShorts", "switchCloses" };

    private static readonly string[] s_textFields = { "variant", "stopReason", "holdDiagnosis", "terminatedBy" };

    /// <summary>result.json's text: the row, then the SHA-256 of the row's fields.</summary>
    public static string Text(StudyRow row)
    {
        JsonObject node = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(row, OutputJson.Indented))!;
        node[DigestField] = Digest(node);
        // Written readable (\" and accented letters as themselves); the digest is of the default form, so results
        // written before, escaped, still pass.
        return node.ToJsonString(OutputJson.Readable) + "\n";
    }

    /// <summary>The row <paramref name="text"/> holds when it passes the check for <paramref name="variant"/>; null, with what is wrong, otherwise.</summary>
    public static StudyRow? Read(string text, StudyVariant variant, out string problem)
    {
        problem = string.Empty;
        JsonObject? node;
        try
        {
            node = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            problem = "is not JSON (" + e.Message + "): cut short or damaged";
            return null;
        }

        if (node == null)
        {
            problem = "holds no JSON object";
            return null;
        }

        string? missing = s_textFields.Select(f => Kind(node, f, JsonValueKind.String)).Concat(s_numberFields.Concat(s_countFields).Select(f => Kind(node, f, JsonValueKind.Number)))
            .Append(Kind(node, "parameters", JsonValueKind.Object)).FirstOrDefault(m => m != null);
        if (missing != null)
        {
            problem = missing;
            return null;
        }

        StudyRow row;
        try
        {
            row = JsonSerializer.Deserialize<StudyRow>(text, OutputJson.Indented)!;
        }
        catch (JsonException e)
        {
            // A count with a fraction, a value out of its type's range: the path names the field.
            problem = "has a field of the wrong type (" + e.Message + ")";
            return null;
        }

        problem = Identity(row, variant) ?? Sanity(row, variant) ?? Integrity(node, row) ?? string.Empty;
        return problem.Length == 0 ? row : null;
    }

    private static string? Kind(JsonObject node, string field, JsonValueKind kind)
    {
        if (!node.TryGetPropertyValue(field, out JsonNode? value) || value == null)
        {
            return "has no " + field;
        }

        JsonValueKind found = value.GetValueKind();
        return found == kind ? null : field + " is " + JsonSection.Describe(found) + ", not " + JsonSection.Describe(kind);
    }

    /// <summary>The variant, its index and axis values, and the scenario it ran: this variant's, or a copy of another's.</summary>
    private static string? Identity(StudyRow row, StudyVariant variant)
    {
        if (row.Variant != variant.Id || row.Index != variant.Index)
        {
            return "is the result of variant " + row.Variant + " (index " + row.Index.ToString(CultureInfo.InvariantCulture) + "), not of " + variant.Id + " (copied from another variant's folder?)";
        }

        string expected = string.Join(", ", variant.Parameters.Select(p => p.Key + " = " + StudyPlan.Text(p.Value)));
        string found;
        try
        {
            found = string.Join(", ", row.Parameters.Select(p => p.Key + " = " + (p.Value is JsonValue ? StudyPlan.Text(p.Value) : p.Value?.ToJsonString() ?? "null")));
        }
        catch (Exception e) when (e is FormatException || e is InvalidOperationException)
        {
            found = row.Parameters.ToJsonString();
        }

        if (found != expected)
        {
            return "holds the axis values " + found + ", not " + variant.Id + "'s " + expected + " (another study's result?)";
        }

        if (row.ScenarioSha256.Length == 0)
        {
            return "records no scenarioSha256, so it cannot be told to be " + variant.Id + "'s run (written before results recorded their scenario)";
        }

        if (row.ScenarioSha256 != variant.ScenarioSha256)
        {
            return "was run on another scenario than " + variant.Id + "'s (its scenarioSha256 differs: a result of another study, or of a base scenario or board file since changed)";
        }

        return null;
    }

    /// <summary>Values a run of the variant can give.</summary>
    private static string? Sanity(StudyRow row, StudyVariant variant)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        double longestS = variant.Scenario.TimeLimitS + (variant.Scenario.SamplePeriodMs / 1000.0);
        if (!double.IsFinite(row.CapacityMAhPerCm2))
        {
            return "capacityMAhPerCm2 is not a finite number";
        }

        if (!(row.DutyCycle >= 0 && row.DutyCycle <= 1))
        {
            return "dutyCycle " + row.DutyCycle.ToString("R", inv) + " is not between 0 and 1";
        }

        if (!(row.MeanRestS >= 0 && row.MeanRestS <= longestS))
        {
            return "meanRestS " + row.MeanRestS.ToString("R", inv) + " is not between 0 and the run's " + longestS.ToString("0.###", inv) + " s";
        }

        if (!(row.SimulatedS >= 0 && row.SimulatedS <= longestS))
        {
            return "simulatedS " + row.SimulatedS.ToString("R", inv) + " is not between 0 and the run's " + longestS.ToString("0.###", inv) + " s (timeLimitS and one sample)";
        }

        long[] counts = { row.Events, row.Warnings, row.Faults, row.DepletionOnsets, row.SoftShorts, row.HardShorts, row.SwitchCloses };
        if (counts.Any(c => c < 0))
        {
            return "holds a negative count";
        }

        // Every event is counted in events: the warnings and faults among them, and each kind.
        if ((long)row.Warnings + row.Faults > row.Events || row.DepletionOnsets > row.Events || row.SoftShorts > row.Events || row.HardShorts > row.Events)
        {
            return "counts more warnings, faults, depletion onsets or shorts than its " + row.Events.ToString(inv) + " events";
        }

        if (row.StopReason.Length == 0 || row.TerminatedBy.Length == 0 || row.TerminatedBy == "cancelled")
        {
            return "has no stop reason, or a run that did not finish (terminatedBy \"" + row.TerminatedBy + "\")";
        }

        return null;
    }

    /// <summary>The fields as they were written: a value edited since no longer gives the recorded SHA-256.</summary>
    private static string? Integrity(JsonObject node, StudyRow row)
    {
        if (node[DigestField] is not JsonValue recorded || recorded.GetValueKind() != JsonValueKind.String)
        {
            return "has no " + DigestField;
        }

        return recorded.GetValue<string>() == Digest(node) ? null : "no longer matches its " + DigestField + " (edited since it was written?)";
    }

    /// <summary>SHA-256 of the object's compact JSON without the digest field.</summary>
    private static string Digest(JsonObject node)
    {
        JsonObject copy = (JsonObject)node.DeepClone();
        copy.Remove(DigestField);
        return StudyFolder.Sha256(copy.ToJsonString());
    }
}
