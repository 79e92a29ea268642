namespace Edge.Core.Tests.Boards;

/// <summary>
/// A small valid board, with helpers that edit it by section and key name, never by line number, so that
/// a test's expected lines come from the edited text (<see cref="NFUnitTest.Boards.BoardText.LineOf"/>).
/// </summary>
internal static class MinimalBoard
{
    private static readonly string[] s_lines =
    {
        "[board]",
        "name = test",
        "sample_period_ms = 10",
        "adc_resolution_bits = 12",
        "adc_attenuation_db = 11",
        "module = wroom",
        "[cell 0]",
        "adc_pin = 36",
        "divider_ratio = 0.4",
        "offset_mv = 1650",
        "calibration = 1:-3700, 4094:3600",
        "",
        "[module 0]",
        "cells = 0",
        "adc_pin = 32",
        "shunt_milliohm = 1000",
        "amplifier_gain = 500",
        "offset_mv = 1650",
        "calibration = 1:-14000, 4094:14000",
        "switch_pin = 16",
        "switch_active = high",
        "switch_driver = gpio",
        "",
        "[safety]",
        "max_module_current_ma = 2",
        "max_plating_current_ma = 0.5",
        "cell_voltage_min_mv = -3000",
        "cell_voltage_max_mv = 3000",
    };

    public static string Text => string.Join("\n", s_lines);

    /// <summary>The board with <paramref name="key"/> of <paramref name="section"/> set (inserted under the header if absent).</summary>
    public static string With(string section, string key, string value) => NFUnitTest.Boards.BoardText.With(Text, section, key, value);

    /// <summary>The board without the line of <paramref name="key"/> in <paramref name="section"/>.</summary>
    public static string Without(string section, string key) => NFUnitTest.Boards.BoardText.Without(Text, section, key);

    /// <summary>The line of <paramref name="key"/> in <paramref name="section"/> (its header for a null key).</summary>
    public static int LineOf(string section, string key) => NFUnitTest.Boards.BoardText.LineOf(Text, section, key);

    /// <summary>The board with <paramref name="lines"/> before the line of <paramref name="key"/> in <paramref name="section"/> (its header for a null key).</summary>
    public static string WithLinesBefore(string section, string key, params string[] lines) => NFUnitTest.Boards.BoardText.WithLinesBefore(Text, section, key, lines);

    /// <summary>The board with <paramref name="lines"/> after its last line.</summary>
    public static string WithLinesAtEnd(params string[] lines) => NFUnitTest.Boards.BoardText.WithLinesAtEnd(Text, lines);

    /// <summary>The board without <paramref name="section"/> and its keys.</summary>
    public static string WithoutSection(string section) => NFUnitTest.Boards.BoardText.WithoutSection(Text, section);
}
