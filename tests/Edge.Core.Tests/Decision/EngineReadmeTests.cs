using Edge.Core.Decision;
using Edge.Core.Telemetry.Encoding;
using Xunit;
using Edge.Core.Configuration;
using Edge.Core.Records;

namespace Edge.Core.Tests.Decision;

/// <summary>The core README's engine section lists exactly the engine's states and stop reasons, so it cannot drift from the code.</summary>
public class EngineReadmeTests
{
    private static string Readme() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "README.md"));

    /// <summary>The rows of the table under "### States": first column without its backticks, second column.</summary>
    private static List<(string State, string ShownAs)> StateTable()
    {
        string[] lines = Readme().Split('\n');
        int heading = Array.FindIndex(lines, l => l.TrimEnd() == "### States");
        Assert.True(heading >= 0, "the README has no '### States' section");
        var rows = new List<(string, string)>();
        int i = Array.FindIndex(lines, heading, l => l.StartsWith("| state |", StringComparison.Ordinal));
        Assert.True(i > heading, "the States section has no table");
        for (i += 2; i < lines.Length && lines[i].StartsWith("|", StringComparison.Ordinal); i++)
        {
            string[] cells = lines[i].Split('|');
            rows.Add((cells[1].Trim().Trim('`'), cells[2].Trim()));
        }

        return rows;
    }

    [Fact]
    public void StateTableListsExactlyTheEnginesStatesInEnumOrder()
    {
        Assert.Equal(Enum.GetNames<ModuleSubState>(), StateTable().Select(r => r.State));
    }

    [Fact]
    public void EachStateIsShownAsOneOfTheTelemetryStates()
    {
        string[] shown = Enum.GetValues<ModuleState>().Select(s => ContractNames.Of(s)).ToArray();
        Assert.All(StateTable(), r => Assert.Contains(r.ShownAs, shown));
    }

    [Fact]
    public void EveryStopReasonIsNamedInTheEngineSection()
    {
        string readme = Readme();
        int start = readme.IndexOf("## Duty-cycle engine", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        string engine = readme[start..end];
        foreach (StopReason reason in Enum.GetValues<StopReason>().Where(r => r != StopReason.None))
        {
            Assert.Contains("`" + ContractNames.Of(reason) + "`", engine);
        }
    }
}
