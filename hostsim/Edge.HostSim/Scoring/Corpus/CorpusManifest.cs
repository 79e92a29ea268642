// Licensed under the MIT License.

namespace Edge.HostSim.Scoring.Corpus;

/// <summary>
/// corpus.json: what a generated corpus holds. The families' definitions are in <see cref="SpecFile"/> beside
/// it (a copy of the spec the corpus came from), the scenarios in one file per run.
/// </summary>
public sealed class CorpusManifest
{
    public const string FileName = "corpus.json";

    public const string SpecFileName = "families.json";

    public int Format { get; set; } = 1;

    /// <summary>The seed the corpus was generated from (draws and scenario seeds derive from it).</summary>
    public long Seed { get; set; }

    public string SpecFile { get; set; } = SpecFileName;

    /// <summary>Families in the corpus, in spec order.</summary>
    public List<string> Families { get; set; } = new List<string>();

    public List<CorpusRun> Runs { get; set; } = new List<CorpusRun>();
}

/// <summary>One scenario of the corpus: a family's draw in one variant.</summary>
public sealed class CorpusRun
{
    public string Family { get; set; } = string.Empty;

    public int Draw { get; set; }

    public string Variant { get; set; } = string.Empty;

    /// <summary>Scenario seed (shared by the variants of a draw, so they see the same cells and noise).</summary>
    public long Seed { get; set; }

    /// <summary>Scenario file, relative to the corpus directory.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>The draw's parameter values.</summary>
    public Dictionary<string, double> Parameters { get; set; } = new Dictionary<string, double>();
}
