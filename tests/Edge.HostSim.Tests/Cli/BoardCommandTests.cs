// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim board gives a board file the device's own verdict (the core's BoardSetup, as the boot uses it) before it is
/// flashed: a usable board is summarised with its warnings, a refused one named with the line and key that refuse it,
/// including what only the configuration the board implies shows; every file named is checked.
/// </summary>
public sealed class BoardCommandTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    private static string Shipped(string name) => Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", name);

    [Fact]
    public void TheShippedBoardsAreUsableAndSaidWhatTheyGiveTheDevice()
    {
        using EdgeSimProcess check = EdgeSimProcess.Run("board", Shipped("esp32-devkitc-4s2m.board"), Shipped("esp32-mux-6s.board"));

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Equal(string.Empty, check.Stderr);

        // As boards/README.md describes them: the DevKitC has 4 cells in 2 modules and no reference input (warned); the
        // multiplexed board 6 cells in 3 modules, one NTC and the REF read back.
        string devkit = Section(check.Stdout, "esp32-devkitc-4s2m.board");
        Assert.Contains("usable: board esp32-devkitc-4s2m", devkit, StringComparison.Ordinal);
        Assert.Contains("4 cells in 2 modules (2 each), 0 temperature channels", devkit, StringComparison.Ordinal);
        Assert.Contains("no reference input", devkit, StringComparison.Ordinal);
        Assert.Contains("1 warning\n", devkit, StringComparison.Ordinal);
        Assert.Contains("warning: [reference]: missing", devkit, StringComparison.Ordinal);
        string mux = Section(check.Stdout, "esp32-mux-6s.board");
        Assert.Contains("6 cells in 3 modules (2 each), 1 temperature channel", mux, StringComparison.Ordinal);
        Assert.Contains("cells through a multiplexer", mux, StringComparison.Ordinal);
        Assert.Contains("1 warning\n", mux, StringComparison.Ordinal);
        Assert.Contains("warning: [mux] ground_inputs: missing", mux, StringComparison.Ordinal);
    }

    [Fact]
    public void AParseErrorNamesTheFileTheLineAndTheKeyAndTheOtherFilesAreStillChecked()
    {
        // GPIO 4 is an ADC2 pin: nothing can read it while Wi-Fi is on (boards/README.md), the parser refuses it.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        string broken = _scratch.Write("adc2.board", text.Replace("adc_pin = 36 ", "adc_pin = 4  ", StringComparison.Ordinal));
        int line = text[..text.IndexOf("adc_pin = 36 ", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        using EdgeSimProcess check = EdgeSimProcess.Run("board", broken, Shipped("esp32-mux-6s.board"));

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + broken + ": refused: board file line " + line + ":", error, StringComparison.Ordinal);
        Assert.Contains("adc_pin", error, StringComparison.Ordinal);
        Assert.DoesNotContain("adc2.board: usable", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("esp32-mux-6s.board: usable", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoardThatParsesButWhoseConfigurationTheDeviceRefusesIsRefusedToo()
    {
        // The DevKitC allows 2 mA; the controller's own limit is 5 mA/cm2 x 0.3848 cm2 = 1.925 mA; a derate level at
        // 1.95 mA lies between: the parser accepts it, the device's boot does not.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        string board = _scratch.Write("derate.board", text.Replace("max_module_current_ma = 2\n", "max_module_current_ma = 2\nmodule_current_derate_ma = 1.95\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains(board + ": refused: board esp32-devkitc-4s2m: [safety] module_current_derate_ma: 1950 uA is not inside the limit in effect, 1925 uA", check.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);
    }

    [Fact]
    public void ABoardNoUnitOfWhichCanBeCalibratedIsRefusedAndARunOnItNamesTheBoardNotAStackTrace()
    {
        // Cell 1's divider as 0.2, its calibration points still those of 0.3297: the device loads the board, then refuses
        // every unit's calibration (its span is 1.6 times what the divider gives), and the unit observes for good.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Divider = "divider_ratio = 0.3297 ";
        Assert.Contains(Divider, text, StringComparison.Ordinal);
        string board = _scratch.Write("divider.board", text.Replace(Divider, "divider_ratio = 0.2    ", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: no unit of this board can be calibrated", error, StringComparison.Ordinal);
        Assert.Contains("[cell 1]: over counts", error, StringComparison.Ordinal);
        Assert.Contains("the board's calibration points span", error, StringComparison.Ordinal);
        Assert.DoesNotContain("were the reference inputs", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);

        string scenario = _scratch.Write("on-divider.json", "{ \"name\": \"d\", \"seed\": 1, \"timeLimitS\": 3, "
            + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"rest\": \"fixed\" }, "
            + "\"measurement\": { \"board\": \"" + board.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" } }");
        string output = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", output, "--quiet");

        Assert.Equal(2, run.ExitCode);

        // Its 0.2 divider is also too coarse for the detectors' floors, warned first as the run's warnings are.
        string[] err = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(err.Length == 2, run.Stderr);
        Assert.StartsWith("warning: [cell 1] divider_ratio: 0.2 gives", err[0], StringComparison.Ordinal);
        Assert.StartsWith("edge-sim run: invalid scenario: measurement.board: esp32-devkitc-4s2m: the simulated unit cannot be calibrated", err[1], StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "a refused run wrote its folder");
    }

    [Fact]
    public void AStrippingOnlyBoardWithATightUndervoltageLimitIsUsableAndARunOnItCalibratesItsUnit()
    {
        // cell_voltage_min_mv = -100 on the DevKitC (its stages only strip): the calibration's -3 mV point (-100 / 30) lay
        // 1 mV from 0 V at the ADC through the 0.33 divider, about 1.2 counts, under the 2 a point must move, so
        // edge-sim board refused the board ("no unit of this board can be calibrated, its calibration points contradict its
        // front end") and a run on it exited 2; the points are the board's own and agree with its front end.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Limit = "cell_voltage_min_mv = -3000\n";
        Assert.Contains(Limit, text, StringComparison.Ordinal);
        string board = _scratch.Write("tight.board", text.Replace(Limit, "cell_voltage_min_mv = -100\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("tight.board: usable: board esp32-devkitc-4s2m", check.Stdout, StringComparison.Ordinal);

        string scenario = _scratch.Write("on-tight.json", "{ \"name\": \"t\", \"seed\": 1, \"timeLimitS\": 3, "
            + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"rest\": \"fixed\" }, "
            + "\"measurement\": { \"board\": \"" + board.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" } }");
        string output = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", output, "--quiet");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("\"unitCalibrated\": true", File.ReadAllText(Path.Combine(output, "summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ACellLimitTooNearZeroForAVref1200UnitToCalibrateIsRefusedAtItsKey()
    {
        // cell_voltage_min_mv = -5 on the DevKitC is 1.9 counts from 0 V on a Vref-1200 chip through its 0.3296 divider
        // (1137.81 counts/V x 0.3296 x 5 mV), where the calibration needs 10 between two points. The simulated unit is the
        // typical 1100 mV chip, so edge-sim board called the board usable though some real units could never calibrate it.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Limit = "cell_voltage_min_mv = -3000\n";
        Assert.Contains(Limit, text, StringComparison.Ordinal);
        int line = text[..text.IndexOf(Limit, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        string board = _scratch.Write("near-zero.board", text.Replace(Limit, "cell_voltage_min_mv = -5\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [safety] cell_voltage_min_mv: -5 mV is 1.9 counts from 0 V", error, StringComparison.Ordinal);
        Assert.EndsWith("give at most -27 mV", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);
    }

    [Fact]
    public void AZeroSamplePeriodIsRefusedWithTheRangeThatPasses()
    {
        // "value 0 out of range 1 to 60000" before, though 1 is refused as well: the controller runs 2 to 250 ms.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Period = "sample_period_ms = 10 ";
        Assert.Contains(Period, text, StringComparison.Ordinal);
        int line = text[..text.IndexOf(Period, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        string board = _scratch.Write("period0.board", text.Replace(Period, "sample_period_ms = 0  ", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [board] sample_period_ms: 0 ms is shorter than the controller can run", error, StringComparison.Ordinal);
        Assert.EndsWith("; use 2 to 250 ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AModuleCurrentLimitBelowWhatTheControllerCanTellFromAnOpenSwitchIsRefusedAtItsKey()
    {
        // 1 uA on the DevKitC (0.6 counts at 500 V/A) parsed and was refused only by the configuration check naming
        // protection.openSwitchCurrentUa, a field the board's author cannot set. The range is computed: the controller's
        // 50 uA open-switch current up to (1224 - 143) mV / 500 V/A = 2.162 mA, module 1's channel around 1224 mV.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        string tiny = text.Replace("max_module_current_ma = 2\n", "max_module_current_ma = 0.001\n", StringComparison.Ordinal)
            .Replace("max_plating_current_ma = 0.5\n", "max_plating_current_ma = 0.001\n", StringComparison.Ordinal);
        int line = tiny[..tiny.IndexOf("max_module_current_ma", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        string board = _scratch.Write("tiny.board", tiny);

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [safety] max_module_current_ma: 0.001 mA is below the controller's open-switch current limit, 50 uA", error, StringComparison.Ordinal);
        Assert.EndsWith("; use 0.05 to 2.162 mA", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AZeroDividerRatioIsRefusedWithTheRatiosThatPassOnTheBoard()
    {
        // "value 0 out of range 0.000001 to 1" before, though everything under 0.175776 is refused (a count wider than
        // the 5 mV hard-short band on a Vref-1200 chip). Most: cell 1's REF of 1226 mV leaves 1226 - 143 = 1083 mV below
        // it for the -3000 mV limit, 1083.999 / 3000 = 0.361333.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Divider = "divider_ratio = 0.3297 ";
        Assert.Contains(Divider, text, StringComparison.Ordinal);
        int line = text[..text.IndexOf(Divider, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        string board = _scratch.Write("ratio0.board", text.Replace(Divider, "divider_ratio = 0      ", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [cell 1] divider_ratio: 0 is not above 0", error, StringComparison.Ordinal);
        Assert.EndsWith("; use a divider_ratio of 0.175776 to 0.361333", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AZeroAmplifierGainIsRefusedWithTheGainsThatPassOnTheBoard()
    {
        // "value 0 out of range 0.001 to 10000" before. Through module 0's 10 ohm shunt, least: the plating cap (400 uA/cm2
        // x 0.3848 cm2 = 153.92 uA) over 50 counts of the typical chip (1241.25 counts/V) needs 261.707 V/A, a gain of
        // 26.171; most: the 2 mA limit's swing inside the 1083 mV below its 1226 mV REF, 541.5 V/A, a gain of 54.15.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Gain = "amplifier_gain = 50\n";
        Assert.Contains(Gain, text, StringComparison.Ordinal);
        int line = text[..text.IndexOf(Gain, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        int at = text.IndexOf(Gain, StringComparison.Ordinal);
        string board = _scratch.Write("gain0.board", text[..at] + "amplifier_gain = 0\n" + text[(at + Gain.Length)..]);

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [module 0] amplifier_gain: 0 is below 0.001", error, StringComparison.Ordinal);
        Assert.EndsWith("; use an amplifier_gain of 26.171 to 54.15 (at shunt_milliohm 10000)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoardOfTheLeastModuleCurrentCalibratesAUnitAtEitherEndOfTheVrefSpread()
    {
        // 0.05 mA on the DevKitC: edge-sim board called it usable (its check calibrates the typical chip), but a run on a
        // Vref-1000 unit exited 2, the unit's curve 217 uA from the nominal one at REF, "more than 15 % of its 111 uA span".
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        string board = _scratch.Write("least.board", text.Replace("max_module_current_ma = 2\n", "max_module_current_ma = 0.05\n", StringComparison.Ordinal)
            .Replace("max_plating_current_ma = 0.5\n", "max_plating_current_ma = 0.05\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);
        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("module current up to 0.05 mA", check.Stdout, StringComparison.Ordinal);

        foreach (int vrefMv in new[] { 1000, 1200 })
        {
            string scenario = _scratch.Write("on-least-" + vrefMv + ".json", "{ \"name\": \"t\", \"seed\": 1, \"timeLimitS\": 3, "
                + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
                + "\"protocol\": { \"steps\": [ \"Strip at 0.1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"rest\": \"fixed\" }, "
                + "\"measurement\": { \"board\": \"" + board.Replace("\\", "\\\\", StringComparison.Ordinal) + "\", \"adcVrefMv\": " + vrefMv + " } }");
            string output = _scratch.Path2("run-" + vrefMv);
            using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", output, "--quiet");

            Assert.True(run.ExitCode == 0, "Vref " + vrefMv + ": " + run.Stderr);
            Assert.Contains("\"unitCalibrated\": true", File.ReadAllText(Path.Combine(output, "summary.json")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABoardAVref1000UnitCannotCalibrateIsRefusedNamingThatVref()
    {
        // The mux board's NTC curve with its cold end (-20.0 degC) at 4050 counts of the typical chip: above 3107 mV at the
        // ADC (Espressif's Vref-1000 and Vref-1200 tables at 4032 counts, 3030 and 3184 mV, averaged; computed). A
        // Vref-1000 chip reaches 4095 at 3060 mV (the last entry of its table), so such a unit reads that step
        // saturated and the procedure refuses it. edge-sim board calibrated the typical chip alone and called the board
        // usable; a run on a Vref-1000 unit then exited 2.
        string text = File.ReadAllText(Shipped("esp32-mux-6s.board"));
        const string Curve = "calibration = 179:-200, 424:-100, 763:0, 1181:100, 1641:200, 1872:250, 2095:300, 2501:400, 2838:500, 3148:600, 3410:700, 3740:850";
        Assert.Contains(Curve, text, StringComparison.Ordinal);
        string board = _scratch.Write("cold-ntc.board", text.Replace(Curve, "calibration = 300:850, 1000:500, 2000:250, 3000:0, 4050:-200", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: a unit whose ESP32 has an ADC Vref of 1000 mV", error, StringComparison.Ordinal);
        Assert.Contains("temperature 0, point 1 of 5: apply -20.0 degC", error, StringComparison.Ordinal);
        Assert.Contains("reading 4095 is saturated", error, StringComparison.Ordinal);
        Assert.DoesNotContain("contradict", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);
    }

    [Fact]
    public void ACellLimitUnderTheDefaultPulsesOhmicRiseIsWarnedAndStrictRefusesIt()
    {
        // cell_voltage_max_mv = 100 on the DevKitC: the pulse the device boots with, 1 mA/cm2, rises 1 mA/cm2 x 170 ohm cm2
        // ([cells] nominal_resistance_ohm_cm2) = 170 mV across a healthy cell before any polarisation (computed), so every
        // pulse ends at the 100 mV cut-off on its first sample (a run: cut-off at 203 mV, 0.01 s in, simulated). The board
        // was summarised as usable without a word on it.
        string text = File.ReadAllText(Shipped("esp32-devkitc-4s2m.board"));
        const string Limit = "cell_voltage_max_mv = 3000\n";
        Assert.Contains(Limit, text, StringComparison.Ordinal);
        string board = _scratch.Write("v100.board", text.Replace(Limit, "cell_voltage_max_mv = 100\n", StringComparison.Ordinal));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);
        using EdgeSimProcess strict = EdgeSimProcess.Run("board", "--strict", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("2 warnings", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning: [safety] cell_voltage_max_mv: 100 mV is below the 170 mV", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("385 uA", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("2 warning(s), refused with --strict", strict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemperatureChannelWithoutATemperatureLimitIsRefusedNotSummarisedAsHavingNone()
    {
        // The mux board without temperature_max_c was "usable ... no temperature limit" while the controller watched its
        // NTC against its own 60.0 degC, which nothing had checked against the sensor's curve.
        string text = File.ReadAllText(Shipped("esp32-mux-6s.board"));
        string withoutLimit = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("temperature_max_c", StringComparison.Ordinal)));
        int line = withoutLimit[..withoutLimit.IndexOf("[safety]", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        string board = _scratch.Write("no-temperature-limit.board", withoutLimit);

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + board + ": refused: board file line " + line + ": [safety]: missing required key 'temperature_max_c' (needed with [temperature 0]", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);
    }

    [Fact]
    public void ABoardFileBeyondTheSizeLimitIsRefusedWithItsSizeAndARunOnItWritesNothing()
    {
        // The firmware compiles its boards into nanoFramework's string table (65,535 bytes an assembly), so a board file
        // may take 16,384 bytes (boards/README.md). The mux board with a comment that brings it to exactly that is
        // usable; one more byte is refused by edge-sim board and by a run on it.
        string text = File.ReadAllText(Shipped("esp32-mux-6s.board"));
        string comment = "# " + new string('-', 16384 - System.Text.Encoding.UTF8.GetByteCount(text) - 3) + "\n";
        string atLimit = _scratch.Write("at-limit.board", text + comment);
        string over = _scratch.Write("over.board", text + "#" + comment);
        Assert.Equal(16384, new FileInfo(atLimit).Length);
        Assert.Equal(16385, new FileInfo(over).Length);

        using EdgeSimProcess check = EdgeSimProcess.Run("board", atLimit, over);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains("at-limit.board: usable: board esp32-mux-6s", check.Stdout, StringComparison.Ordinal);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim board: " + over + ": refused: board file line 0: the board text is 16385 bytes (UTF-8), more than the 16384 bytes a board file may hold", error, StringComparison.Ordinal);

        string scenario = _scratch.Write("on-over.json", "{ \"name\": \"o\", \"seed\": 1, \"samplePeriodMs\": 20, \"timeLimitS\": 3, "
            + "\"pack\": { \"modules\": 3, \"cellsPerModule\": 2, \"temperatureSensors\": 1, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"rest\": \"fixed\" }, "
            + "\"measurement\": { \"board\": \"" + over.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" } }");
        string output = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", output, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("edge-sim run: invalid scenario: measurement.board: board file '" + over + "': line 0: the board text is 16385 bytes (UTF-8), more than the 16384 bytes", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "a refused run wrote its folder");
    }

    [Fact]
    public void ABoardWhoseSetpointCannotSetTheProtocolsCurrentIsRefusedAndARunOnItWritesNothing()
    {
        // The mux board's setpoints at 20 MHz: the LEDC runs at 1 bit, 1024 uA a code on 2048 uA, so a 1 mA/cm2 pulse
        // (385 uA) is code 0 and no current flows. A run on it used to strip at 0 mA/cm2 and stop every module on a
        // hard short of healthy cells; one code may be worth at most a tenth of the 153.92 uA plating cap.
        string text = File.ReadAllText(Shipped("esp32-mux-6s.board"));
        const string Frequency = "setpoint_pwm_frequency_hz = 40000";
        Assert.Equal(3, text.Split(Frequency).Length - 1);
        string board = _scratch.Write("one-bit.board", text.Replace(Frequency, "setpoint_pwm_frequency_hz = 20000000", StringComparison.Ordinal));
        string edited = File.ReadAllText(board);
        int line = edited[..edited.IndexOf("setpoint_pwm_frequency_hz", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.Equal(2, check.ExitCode);
        string error = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            "edge-sim board: " + board + ": refused: board file line " + line + ": [module 0] setpoint_pwm_frequency_hz: 20000000 Hz runs the LEDC at 1 bit, 1024 uA a code of the 2048 uA full scale",
            error,
            StringComparison.Ordinal);
        Assert.EndsWith("use at most 311284 Hz (8 bits, 8 uA a code)", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Stdout);

        string scenario = _scratch.Write("on-one-bit.json", "{ \"name\": \"b\", \"seed\": 1, \"samplePeriodMs\": 20, \"timeLimitS\": 10, \"controller\": { \"mode\": \"act\" }, "
            + "\"pack\": { \"modules\": 3, \"cellsPerModule\": 2, \"temperatureSensors\": 1, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 2 s\" ], \"rest\": \"fixed\" }, "
            + "\"measurement\": { \"board\": \"" + board.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" } }");
        string output = _scratch.Path2("run");
        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", output, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("edge-sim run: invalid scenario: measurement.board: board file '" + board + "': line " + line + ": [module 0] setpoint_pwm_frequency_hz: 20000000 Hz", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "a refused run wrote its folder");
    }

    [Fact]
    public void StrictCountsWarningsAsProblems()
    {
        using EdgeSimProcess warned = EdgeSimProcess.Run("board", "--strict", Shipped("esp32-devkitc-4s2m.board"));
        using EdgeSimProcess mux = EdgeSimProcess.Run("board", "--strict", Shipped("esp32-mux-6s.board"));

        // The mux board revised with ground inputs on 0 and 7 (boards/README.md, "Multiplexer address check", option b).
        string text = File.ReadAllText(Shipped("esp32-mux-6s.board")).Replace("\r\n", "\n");
        for (int c = 5; c >= 0; c--)
        {
            text = text.Replace("[cell " + c + "]\nmux_input = " + c + "\n", "[cell " + c + "]\nmux_input = " + (c + 1) + "\n");
        }

        text = text.Replace("[temperature 0]\nmux_input = 6", "[temperature 0]\nadc_pin = 33").Replace("[reference]\nmux_input = 7", "[reference]\nadc_pin = 32")
            .Replace("setpoint_pin = 32 ", "setpoint_pin = 13 ").Replace("setpoint_pin = 33\n", "setpoint_pin = 23\n")
            .Replace("status_led_pin = 23            # LED to 3.3 V, lit when the pin is low\nstatus_led_active = low\n", string.Empty)
            .Replace("settle_us = 100 ", "ground_inputs = 0, 7\nsettle_us = 100 ");
        string grounded = _scratch.Path2("grounded.board");
        File.WriteAllText(grounded, text);
        using EdgeSimProcess clean = EdgeSimProcess.Run("board", "--strict", grounded);

        Assert.Equal(2, warned.ExitCode);
        Assert.Contains("1 warning(s), refused with --strict", warned.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, mux.ExitCode);
        Assert.Contains("1 warning(s), refused with --strict", mux.Stderr, StringComparison.Ordinal);
        Assert.True(clean.ExitCode == 0, clean.Stderr + clean.Stdout);
    }

    [Fact]
    public void AFolderOrAMissingFileIsNamedNotAStackTrace()
    {
        using EdgeSimProcess folder = EdgeSimProcess.Run("board", _scratch.Root);
        using EdgeSimProcess missing = EdgeSimProcess.Run("board", _scratch.Path2("none.board"));
        using EdgeSimProcess none = EdgeSimProcess.Run("board");

        Assert.Equal(2, folder.ExitCode);
        Assert.Equal("edge-sim board: " + _scratch.Root + ": is a folder, not a board file", folder.Stderr.Trim());
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("edge-sim board: " + _scratch.Path2("none.board") + ": cannot read it: ", missing.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.DoesNotContain("   at ", folder.Stderr + missing.Stderr + none.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The lines of the summary of <paramref name="file"/>: its first line and the indented ones after it.</summary>
    private static string Section(string stdout, string file)
    {
        string[] lines = stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains(file + ": ", StringComparison.Ordinal) && !l.StartsWith(' '));
        Assert.True(start >= 0, file + " not summarised:\n" + stdout);
        int end = start + 1;
        while (end < lines.Length && lines[end].StartsWith(' '))
        {
            end++;
        }

        return string.Join("\n", lines[start..end]) + "\n";
    }
}
