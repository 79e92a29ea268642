// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Cli;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The JSON examples of hostsim/README.md are files an engineer copies to start their own: the scenario file's example
/// runs as a scenario and the scorecard's spec example draws a corpus, each through the command that reads it, so the
/// README cannot keep an example the loaders refuse.
/// </summary>
public sealed class ReadmeJsonExampleTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-readme-json-" + Guid.NewGuid().ToString("N"));

    public ReadmeJsonExampleTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void TheScenarioFileExampleRunsWithoutAFieldWithoutEffect()
    {
        string scenario = WriteExample("## Scenario file", "scenario.json");
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = Program.Execute(new[] { "run", scenario, "--out", Path.Combine(_directory, "run"), "--quiet" }, output, errors);

        Assert.True(exit == 0, "the README's scenario example did not run: " + errors);

        // Every field the example gives is one the reader is meant to copy: none may be said to have no effect.
        Assert.DoesNotContain("warning:", errors.ToString(), StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "run", "summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("modules").GetArrayLength());
    }

    [Fact]
    public void TheSpecFileExampleDrawsACorpusOfItsVariants()
    {
        string spec = WriteExample("A spec file (`--spec`)", "families.json");
        string corpus = Path.Combine(_directory, "corpus");
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = Program.Execute(new[] { "corpus", "--spec", spec, "--out", corpus, "--runs", "1" }, output, errors);

        Assert.True(exit == 0, "the README's spec example did not draw a corpus: " + errors);

        // One draw of its two variants, act and observe: two scenarios, each of which loads as a scenario file.
        string[] scenarios = Directory.GetFiles(Path.Combine(corpus, "my-cells"), "*.json");
        Assert.Equal(2, scenarios.Length);
        foreach (string file in scenarios)
        {
            Assert.Equal(1, Edge.HostSim.Scenarios.ScenarioLoader.LoadFile(file).Pack.Modules);
        }
    }

    /// <summary>Writes the first ```json block after <paramref name="marker"/> in hostsim/README.md to a file; returns its path.</summary>
    private string WriteExample(string marker, string name)
    {
        string readme = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "README.md"));
        int at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "hostsim/README.md has no '" + marker + "'");
        int start = readme.IndexOf("```json\n", at, StringComparison.Ordinal);
        Assert.True(start >= 0, "no json example after '" + marker + "' in hostsim/README.md");
        start += "```json\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, readme.Substring(start, end - start));
        return path;
    }
}
