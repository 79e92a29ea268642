namespace Edge.Core.Tests.Boards;

/// <summary>
/// A small valid board, with helpers that edit a key by section and name (<see cref="With"/>) and
/// older ones that insert or blank by line number (comments give the numbers).
/// </summary>
internal static class MinimalBoard
{
    private static readonly string[] s_lines =
    {
        "[board]",                              // 1
        "name = test",                          // 2
        "sample_period_ms = 10",                // 3
        "adc_resolution_bits = 12",             // 4
        "adc_attenuation_db = 11",              // 5
        "module = wroom",                       // 6
        "[cell 0]",                             // 7
        "adc_pin = 36",                         // 8
        "divider_ratio = 0.4",                  // 9
        "offset_mv = 1650",                     // 10
        "calibration = 1:-3700, 4094:3600",     // 11
        "",                                     // 12
        "[module 0]",                           // 13
        "cells = 0",                            // 14
        "adc_pin = 32",                         // 15
        "shunt_milliohm = 1000",                // 16
        "amplifier_gain = 500",                 // 17
        "offset_mv = 1650",                     // 18
        "calibration = 1:-14000, 4094:14000",   // 19
        "switch_pin = 16",                      // 20
        "switch_active = high",                 // 21
        "switch_driver = gpio",                 // 22
        "",                                     // 23
        "[safety]",                             // 24
        "max_module_current_ma = 8",            // 25
        "max_plating_current_ma = 5",           // 26
        "cell_voltage_min_mv = -3000",          // 27
        "cell_voltage_max_mv = 3000",           // 28
    };

    public static string Text => string.Join("\n", s_lines);

    /// <summary>The board with <paramref name="key"/> of <paramref name="section"/> set (inserted under the header if absent).</summary>
    public static string With(string section, string key, string value) => NFUnitTest.Boards.BoardText.With(Text, section, key, value);

    /// <summary>The board without the line of <paramref name="key"/> in <paramref name="section"/>.</summary>
    public static string Without(string section, string key) => NFUnitTest.Boards.BoardText.Without(Text, section, key);

    /// <summary>The line of <paramref name="key"/> in <paramref name="section"/> (its header for a null key).</summary>
    public static int LineOf(string section, string key) => NFUnitTest.Boards.BoardText.LineOf(Text, section, key);

    /// <summary>The board with <paramref name="inserted"/> lines placed after line <paramref name="afterLine"/> (0 = at the top).</summary>
    public static string InsertAfter(int afterLine, params string[] inserted)
    {
        var lines = new List<string>(s_lines);
        lines.InsertRange(afterLine, inserted);
        return string.Join("\n", lines);
    }

    /// <summary>The board with lines <paramref name="first"/>..<paramref name="last"/> blanked (numbering kept).</summary>
    public static string WithoutLines(int first, int last)
    {
        string[] lines = (string[])s_lines.Clone();
        for (int i = first; i <= last; i++)
        {
            lines[i - 1] = string.Empty;
        }

        return string.Join("\n", lines);
    }
}
