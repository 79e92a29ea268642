using Edge.Core.Boards;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>The repository's board files, copied next to the test assembly.</summary>
internal static class TestBoards
{
    public static readonly string[] FileNames = { "esp32-devkitc-4s2m.board", "esp32-mux-6s.board" };

    /// <summary>
    /// The mux board revised for the address check's ground inputs (boards/README.md, "Multiplexer address check",
    /// option b): cells on inputs 1-6, ground on 0 and 7, REF and the NTC on ADC1 pins 32 and 33, their setpoints moved to
    /// GPIO 13 and 23, no status LED. The same text as the core tests' <c>MuxStuckSelectLineTests.GroundedMuxBoardText</c>.
    /// </summary>
    public static string GroundedMux6sText()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-mux-6s.board")).Replace("\r\n", "\n");
        for (int c = 5; c >= 0; c--)
        {
            text = Replace(text, "[cell " + c + "]\nmux_input = " + c + "\n", "[cell " + c + "]\nmux_input = " + (c + 1) + "\n");
        }

        text = Replace(text, "[temperature 0]\nmux_input = 6", "[temperature 0]\nadc_pin = 33");
        text = Replace(text, "[reference]\nmux_input = 7", "[reference]\nadc_pin = 32");
        text = Replace(text, "setpoint_pin = 32 ", "setpoint_pin = 13 ");
        text = Replace(text, "setpoint_pin = 33\n", "setpoint_pin = 23\n");
        text = Replace(text, "status_led_pin = 23            # LED to 3.3 V, lit when the pin is low\nstatus_led_active = low\n", string.Empty);
        return Replace(text, "settle_us = 100 ", "ground_inputs = 0, 7\nsettle_us = 100 ");
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }

    public static BoardDefinition Parse(string fileName)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", fileName));
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), fileName + ": " + error);
        return board;
    }
}
