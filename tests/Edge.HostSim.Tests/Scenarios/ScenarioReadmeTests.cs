// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The scenario fields hostsim/README.md documents ("Scenario file") are the ones the loader reads: every key
/// <c>ScenarioLoader</c> asks for is named there, and every field of the README's table loads.
/// </summary>
public sealed class ScenarioReadmeTests
{
    private static readonly Regex LoaderKey = new(@"\.(?:Number|Integer|String|Boolean|Has|Section|Array|OptionalNumber|OptionalInt|Raw)\(""([A-Za-z]+)""");

    [Fact]
    public void EveryKeyTheLoaderReadsIsDocumented()
    {
        string loader = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "Edge.HostSim", "Scenarios", "ScenarioLoader.cs"));
        HashSet<string> keys = LoaderKey.Matches(loader).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("timeLimitS", keys);
        Assert.Contains("gcPauseMs", keys);

        HashSet<string> documented = DocumentedNames(ScenarioSection());
        string[] missing = keys.Where(k => !documented.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "read by ScenarioLoader but not documented in hostsim/README.md, \"Scenario file\": " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFieldOfTheReadmeTableIsRead()
    {
        string loader = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "Edge.HostSim", "Scenarios", "ScenarioLoader.cs"));
        HashSet<string> keys = LoaderKey.Matches(loader).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        // The field table: from its header to the first line that is not a table row.
        string section = ScenarioSection();
        int header = section.IndexOf("| field | type |", StringComparison.Ordinal);
        Assert.True(header >= 0, "hostsim/README.md's scenario section has no field table");
        var fields = new List<string>();
        foreach (string line in section.Substring(header).Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {

            string firstColumn = line.Split('|')[1];
            foreach (Match field in Regex.Matches(firstColumn, @"`([A-Za-z.]+)`"))
            {
                fields.Add(field.Groups[1].Value);
            }
        }

        Assert.Contains("pack.demand.profile", fields);
        string[] unknown = fields.Where(f => f.Split('.').Any(segment => !keys.Contains(segment))).ToArray();
        Assert.True(unknown.Length == 0, "documented in hostsim/README.md but not read by ScenarioLoader: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EveryFaultKindIsDocumented()
    {
        string section = ScenarioSection();
        foreach (Edge.HostSim.Faults.FaultKind kind in Enum.GetValues<Edge.HostSim.Faults.FaultKind>())
        {
            string name = char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString().Substring(1);
            Assert.True(section.Contains("| `" + name + "` |", StringComparison.Ordinal), "fault kind " + name + " has no row in hostsim/README.md's fault table");
            Assert.Equal(kind, ScenarioLoader.Parse(FaultScenario(name)).Faults[0].Kind);
        }
    }

    private static string FaultScenario(string kind)
    {
        string fields = kind switch
        {
            "softShort" => "\"module\": 0, \"cell\": 0, \"resistanceOhmCm2\": 300",
            "hardShort" or "stuckChannel" or "saturatedChannel" => "\"module\": 0, \"cell\": 0",
            "noiseBurst" => "\"module\": 0, \"noiseMv\": 5, \"durationS\": 1",
            "tickJitter" => "\"jitterMs\": 2",
            "brokerOutage" => "\"durationS\": 1",
            "runtimeHang" => "\"durationS\": 1",
            "temperatureRise" => "\"rateCPerS\": 1",
            "currentSensor" => "\"module\": 0, \"mode\": \"stuck\"",
            "muxSelectLine" => "\"line\": 0, \"level\": \"high\"",
            _ => throw new InvalidOperationException("no example for fault kind " + kind + ": add one"),
        };

        if (kind == "muxSelectLine")
        {
            // A select line needs a board with a multiplexer: the shipped mux board, its pack of 3 modules of 2 cells.
            string board = Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-mux-6s.board").Replace("\\", "/", StringComparison.Ordinal);
            return """
                { "name": "fault", "timeLimitS": 10,
                  "pack": { "modules": 3, "cellsPerModule": 2, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
                  "measurement": { "board": "BOARD" },
                  "faults": [ { "atS": 1, "kind": "KIND", FIELDS } ] }
                """.Replace("BOARD", board, StringComparison.Ordinal).Replace("KIND", kind, StringComparison.Ordinal).Replace("FIELDS", fields, StringComparison.Ordinal);
        }

        return """
            { "name": "fault", "timeLimitS": 10,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "temperatureSensors": 1 },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
              "faults": [ { "atS": 1, "kind": "KIND", FIELDS } ] }
            """.Replace("KIND", kind, StringComparison.Ordinal).Replace("FIELDS", fields, StringComparison.Ordinal);
    }

    private static string ScenarioSection()
    {
        string readme = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "README.md"));
        int start = readme.IndexOf("## Scenario file", StringComparison.Ordinal);
        Assert.True(start >= 0, "hostsim/README.md has no '## Scenario file' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
    }

    /// <summary>Every dotted segment of every backticked name in the text: `pack.spread.iLimPct` names pack, spread and iLimPct.</summary>
    private static HashSet<string> DocumentedNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match token in Regex.Matches(text, @"`([^`\n]+)`"))
        {
            foreach (Match word in Regex.Matches(token.Groups[1].Value, @"[A-Za-z]+"))
            {
                names.Add(word.Value);
            }
        }

        return names;
    }
}
