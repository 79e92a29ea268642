// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>A scenario was rejected: <see cref="Path"/> names the field (e.g. "protocol.steps[1]"), the message says why.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string path, string problem)
        : base(path.Length == 0 ? problem : path + ": " + problem)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
