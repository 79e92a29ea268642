// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Scoring.Corpus;
using Edge.HostSim.Studies;
using Xunit;

namespace Edge.HostSim.Tests.Shipped;

/// <summary>
/// What the repository ships for users to start from, the scenario files, the example study, the demo and the
/// scorecard's built-in families, passes the loaders' checks: a check made stricter must not leave a shipped
/// file refused.
/// </summary>
public sealed class ShippedInputsLoadTests
{
    public static TheoryData<string> ScenarioFiles()
    {
        TheoryData<string> files = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "hostsim", "scenarios"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void EveryShippedScenarioLoads(string file)
    {
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot(), "hostsim", "scenarios", file));

        Assert.False(string.IsNullOrEmpty(scenario.Name));
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void EveryShippedScenarioIsNamedAfterItsFile(string file)
    {
        // The name is what every output of a run says it ran (summary.json's scenario, the plot's title, report.html):
        // nak50-continuous-0.25.json was named nak50-low-current, the name of an unrelated scorecard family.
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot(), "hostsim", "scenarios", file));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Name);
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void EveryFieldOfEveryShippedScenarioActs(string file)
    {
        // A file users copy from teaches the fields it gives: none of them may be one its configuration ignores.
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot(), "hostsim", "scenarios", file));

        Assert.Empty(FieldsWithoutEffect.Find(scenario, ScenarioUse.Run));
    }

    [Fact]
    public void EveryFieldOfTheDemoActs()
    {
        // The demo is what a first run without a scenario shows: it had a rest step's length under adaptive rests and a
        // capacity limit of 20 mAh/cm2 that its 900 s at 1 mA/cm2 (0.25 mAh/cm2 at most) could never reach.
        Assert.Empty(FieldsWithoutEffect.Find(BuiltInScenarios.Demo(), ScenarioUse.Run));
    }

    [Fact]
    public void EveryFieldOfTheExampleStudiesActsInSomeVariant()
    {
        foreach (string study in Directory.GetFiles(Path.Combine(RepositoryRoot(), "hostsim", "studies"), "*.json"))
        {
            Assert.Empty(StudyOutputWriter.Warnings(StudyPlan.Expand(StudyLoader.LoadFile(study))));
        }
    }

    [Fact]
    public void TheShippedScenarioFolderIsNotEmpty()
    {
        // The theory above passes vacuously on an empty or moved folder.
        Assert.True(ScenarioFiles().Count >= 5);
    }

    [Fact]
    public void EveryVariantOfTheExampleStudiesLoads()
    {
        string[] studies = Directory.GetFiles(Path.Combine(RepositoryRoot(), "hostsim", "studies"), "*.json");
        Assert.NotEmpty(studies);
        foreach (string study in studies)
        {
            // Expanding loads every variant as a scenario.
            Assert.NotEmpty(StudyPlan.Expand(StudyLoader.LoadFile(study)));
        }
    }

    [Fact]
    public void TheDemoAndEveryDrawOfTheBuiltInFamiliesLoad()
    {
        Assert.NotNull(BuiltInScenarios.Demo());
        List<(CorpusRun Run, string Json)> runs = CorpusGenerator.Build(BuiltInFamilies.Load(), seed: 1);
        Assert.NotEmpty(runs);
        foreach ((CorpusRun run, string json) in runs)
        {
            Assert.NotNull(ScenarioLoader.Parse(json));
        }
    }

    private static string RepositoryRoot()
    {
        DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
