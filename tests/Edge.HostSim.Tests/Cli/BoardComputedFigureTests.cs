// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim board labels the warnings whose figures it worked out from the board file as computed, as the CLI labels
/// simulated figures: the current density a module current's derate level leaves the cells' pulse, and the rise of a healthy
/// cell under the pulse the device boots with. They were printed without saying where they came from.
/// </summary>
public sealed class BoardComputedFigureTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Computed_figures_in_warnings_say_so_and_warnings_of_what_the_file_lacks_do_not()
    {
        // The DevKitC with 5 cm2 cells: its 2 mA limit derates at 1.9 mA, 1.9 / 5 = 0.38 mA/cm2 (hand-computed), under the
        // 1 mA/cm2 pulse.
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        const string Area = "electrode_area_cm2 = 0.3848 ";
        Assert.Contains(Area, text, StringComparison.Ordinal);
        string board = _scratch.Write("area5.board", text.Replace(Area, "electrode_area_cm2 = 5 ", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        string[] warnings = check.Stdout.Split('\n').Where(l => l.Contains("warning: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, warnings.Length);
        string area = Assert.Single(warnings, w => w.Contains("cut to 1.9 mA, 0.38 mA/cm2", StringComparison.Ordinal));
        Assert.EndsWith("(computed from the board file)", area.TrimEnd(), StringComparison.Ordinal);
        string reference = Assert.Single(warnings, w => w.Contains("[reference]: missing", StringComparison.Ordinal));
        Assert.DoesNotContain("computed", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rise_under_the_boot_pulse_says_it_is_computed()
    {
        // 1 mA/cm2 x 170 ohm cm2 = 170 mV over a 100 mV limit (hand-computed).
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        string board = _scratch.Write("v100.board", text.Replace("cell_voltage_max_mv = 3000\n", "cell_voltage_max_mv = 100\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        string rise = Assert.Single(check.Stdout.Split('\n'), l => l.Contains("is below the 170 mV", StringComparison.Ordinal));
        Assert.Contains("computed from the board file and that protocol", rise, StringComparison.Ordinal);
    }
}
