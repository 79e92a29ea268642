// Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Edge.HostSim.Studies;

/// <summary>A parameter study as its manifest describes it (read by <see cref="StudyLoader"/>).</summary>
public sealed class StudySpec
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Seed of the random axes' draws.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The base scenario (inline, or read from the file the manifest names).</summary>
    public JsonObject Base { get; init; } = new JsonObject();

    /// <summary>Folder that relative paths inside the base scenario (a board file) are resolved against.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Board files' texts the manifest records (study.json records those its variants read), by the name
    /// measurement.board gives them: read in place of the files.
    /// </summary>
    public IReadOnlyDictionary<string, string> Boards { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<StudyAxis> Axes { get; init; } = Array.Empty<StudyAxis>();

    /// <summary>Joint random draws of the random axes (0 without random axes); crossed with the list and range axes.</summary>
    public int Draws { get; init; }
}
