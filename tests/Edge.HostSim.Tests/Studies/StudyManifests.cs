// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>Small study manifests for the tests: short simulated runs, a few variants.</summary>
public static class StudyManifests
{
    /// <summary>2 pulse lengths x 3 currents x 2 random draws of tau = 12 variants of at most 60 simulated seconds.</summary>
    public const string Small = """
        { "name": "small", "seed": 3,
          "base": { "name": "small", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 60,
            "pack": { "modules": 1, "cellsPerModule": 2, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 5 } },
            "protocol": { "steps": [ "Strip at {currentMAPerCm2} mA/cm2 for {pulseS} s", "Rest for 2 s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [
            { "name": "pulseS", "values": [0.5, 1] },
            { "name": "currentMAPerCm2", "range": { "from": 0.5, "to": 1.5, "step": 0.5 } },
            { "name": "tauS", "field": "pack.overrides.tauS", "random": { "min": 2, "max": 5 } } ],
          "draws": 2 }
        """;

    /// <summary>2 pulse lengths on 2 modules of 2 cells, measured through board file my.board next to the manifest.</summary>
    public const string WithBoardFile = """
        { "name": "board-study", "seed": 1,
          "base": { "name": "b", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 5,
            "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 2 s" ], "rest": "fixed", "cutoffV": 3.0 },
            "controller": { "mode": "observe" },
            "measurement": { "board": "my.board" } },
          "axes": [ { "name": "pulseS", "values": [0.5, 1] } ] }
        """;

    /// <summary>Writes <see cref="WithBoardFile"/> and its my.board (a copy of the 4s2m DevKitC board) into <paramref name="directory"/>; returns the manifest's path.</summary>
    public static string WriteWithBoardFile(string directory)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"), Path.Combine(directory, "my.board"));
        string manifest = Path.Combine(directory, "board-study.json");
        File.WriteAllText(manifest, WithBoardFile);
        return manifest;
    }

    /// <summary>
    /// Edits my.board in <paramref name="directory"/> as a recalibration would: cell 1's divider from 0.3297 to 0.3300.
    /// The file keeps its name, and the variants measured through it are no longer measured through the board as it is.
    /// </summary>
    public static void RecalibrateBoard(string directory)
    {
        string board = Path.Combine(directory, "my.board");
        string text = File.ReadAllText(board);
        Assert.Contains("divider_ratio = 0.3297", text, StringComparison.Ordinal);
        File.WriteAllText(board, text.Replace("divider_ratio = 0.3297", "divider_ratio = 0.3300", StringComparison.Ordinal));
    }
}
