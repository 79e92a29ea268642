// Licensed under the MIT License.

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// A corpus spec or corpus directory was rejected: <see cref="Path"/> names the field or file (e.g.
/// "families[2].parameters.tauS.max"), the message says why. Nothing is generated or run.
/// </summary>
public sealed class CorpusException : Exception
{
    public CorpusException(string path, string problem)
        : base(path.Length == 0 ? problem : path + ": " + problem)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
