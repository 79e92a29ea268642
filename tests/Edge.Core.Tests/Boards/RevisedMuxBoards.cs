using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The shipped mux board (boards/esp32-mux-6s.board) revised for the multiplexer address check's ground inputs, in the
/// two ways boards/README.md ("Multiplexer address check") describes, each built from the shipped file as the test
/// assembly's <c>boards</c> folder holds it, so that every other line stays the shipped board's. The core's and the
/// simulator's tests share this file.
/// </summary>
internal static class RevisedMuxBoards
{
    /// <summary>
    /// Option b: the 74HC4051 kept, cells on inputs 1-6, ground on 0 and 7, REF and the NTC on ADC1 pins 32 and 33, their
    /// setpoints moved to GPIO 13 and 23, no status LED. Only the cells pass through the multiplexer.
    /// </summary>
    public static string With4051()
    {
        string text = CellsOnInputsFromOne(Shipped());
        text = Replace(text, "[temperature 0]\nmux_input = 6", "[temperature 0]\nadc_pin = 33");
        text = Replace(text, "[reference]\nmux_input = 7", "[reference]\nadc_pin = 32");
        text = Replace(text, "setpoint_pin = 32 ", "setpoint_pin = 13 ");
        text = Replace(text, "setpoint_pin = 33\n", "setpoint_pin = 23\n");
        text = Replace(text, "status_led_pin = 23            # LED to 3.3 V, lit when the pin is low\nstatus_led_active = low\n", string.Empty);
        return Replace(text, "settle_us = 100 ", "ground_inputs = 0, 7\nsettle_us = 100 ");
    }

    /// <summary>
    /// Option a: a CD74HC4067 (16 inputs) with S3 on GPIO 13, cells on inputs 1-6, REF on 7, the NTC on 8, ground on 0 and
    /// 15; every other pin as shipped. The cells, REF and the NTC pass through the multiplexer, the currents do not.
    /// </summary>
    public static string With4067()
    {
        string text = CellsOnInputsFromOne(Shipped());
        text = Replace(text, "[temperature 0]\nmux_input = 6", "[temperature 0]\nmux_input = 8");
        text = Replace(text, "select_pins = 18, 19, 21 ", "select_pins = 18, 19, 21, 13 ");
        return Replace(text, "settle_us = 100 ", "ground_inputs = 0, 15\nsettle_us = 100 ");
    }

    private static string Shipped()
        => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-mux-6s.board")).Replace("\r\n", "\n");

    private static string CellsOnInputsFromOne(string text)
    {
        for (int c = 5; c >= 0; c--)
        {
            text = Replace(text, "[cell " + c + "]\nmux_input = " + c + "\n", "[cell " + c + "]\nmux_input = " + (c + 1) + "\n");
        }

        return text;
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }
}
