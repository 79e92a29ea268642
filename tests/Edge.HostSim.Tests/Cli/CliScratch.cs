// Licensed under the MIT License.

namespace Edge.HostSim.Tests.Cli;

/// <summary>A scratch folder per test with scenario files written into it; deleted afterwards.</summary>
public sealed class CliScratch : IDisposable
{
    /// <summary>Two modules of two NaK50 cells, 30 s: a run of well under a second.</summary>
    public const string ShortScenario = """
        { "name": "short", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "act" } }
        """;

    /// <summary>
    /// One module of 16 identical NaK50 cells, 1 s / 5 s, to a 20 mAh/cm2 capacity limit, for interrupting: a minute
    /// or more of wall time, so that a test host slowed by a loaded machine still interrupts it mid-run. The cells are
    /// alike, so the module's capacity, stop and progress are those of one cell.
    /// </summary>
    public const string LongScenario = """
        { "name": "long", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 700000,
          "pack": { "modules": 1, "cellsPerModule": 16, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed", "capacityLimitMAhPerCm2": 20 },
          "controller": { "mode": "observe" } }
        """;

    public CliScratch()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edge-sim-cli-" + Guid.NewGuid().ToString("N"));

    public string Path2(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            // Tests make folders read-only to see the CLI refuse them; Windows has no such modes to undo.
            if (!OperatingSystem.IsWindows())
            {
                foreach (string directory in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(Root, true);
        }
    }
}
