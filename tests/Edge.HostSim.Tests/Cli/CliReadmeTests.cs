// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>Every option the executable's help lists for a verb is documented in hostsim/README.md.</summary>
public sealed class CliReadmeTests
{
    public static IEnumerable<object[]> Verbs()
    {
        using EdgeSimProcess help = EdgeSimProcess.Run("--help");
        foreach (Match verb in Regex.Matches(help.Stdout, @"^  ([a-z]+) ", RegexOptions.Multiline))
        {
            yield return new object[] { verb.Groups[1].Value };
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryOptionOfTheVerbIsInTheReadme(string verb)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "hostsim", "README.md"));
        using EdgeSimProcess help = EdgeSimProcess.Run(verb, "--help");
        Assert.Equal(0, help.ExitCode);

        Assert.Contains("### `" + verb, readme, StringComparison.Ordinal);
        string options = help.Stdout.Substring(help.Stdout.IndexOf("Options:", StringComparison.Ordinal));
        foreach (Match option in Regex.Matches(options, @"(?<=\s|,)--[a-z][a-z-]+"))
        {
            if (option.Value != "--help")
            {
                Assert.True(readme.Contains("`" + option.Value, StringComparison.Ordinal), verb + " " + option.Value + " is not documented in hostsim/README.md");
            }
        }
    }

    [Fact]
    public void TopReadmePointsToDocumentedOptions()
    {
        string top = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "hostsim", "README.md"));
        foreach (Match option in Regex.Matches(top, @"`(--[a-z][a-z-]+)`"))
        {
            Assert.True(readme.Contains("`" + option.Groups[1].Value, StringComparison.Ordinal), option.Groups[1].Value + " is named in README.md but not documented in hostsim/README.md");
        }
    }

    internal static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory != null && !File.Exists(Path.Combine(directory, "Edge.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
