// Licensed under the MIT License.

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// What a refused settings text still says about the console. The boot then runs on the defaults, which open
    /// UART2 on GPIO 13 and 14; a text that turned the console off may have done so because those pins are wired to
    /// something on this unit, so its <c>console_uart</c> line is read on its own, leniently, and heeded.
    /// </summary>
    public static class ConsoleFallback
    {
        /// <summary>
        /// Null when <paramref name="refusedText"/> leaves the console on (no <c>console_uart</c> line, or one saying 1,
        /// 2 or nothing), else why the defaults' console must stay off: the text sets <c>console_uart = off</c>, or a value that
        /// does not say which UART (read as off: when in doubt no pin is driven).
        /// </summary>
        public static string TurnedOffBy(string refusedText)
        {
            if (refusedText == null)
            {
                return null;
            }

            string[] lines = refusedText.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = WithoutComment(lines[i]);
                int equals = line.IndexOf('=');
                if (equals <= 0 || line.Substring(0, equals).Trim() != "console_uart")
                {
                    continue;
                }

                string value = line.Substring(equals + 1).Trim();
                // Empty keeps the default, as the parser takes it.
                if (value.Length > 0 && value != "1" && value != "2")
                {
                    return "line " + (i + 1).ToString() + " of the refused text sets console_uart = " + value;
                }
            }

            return null;
        }

        // As the settings parser reads a comment: a '#' first on the line or after a space or tab.
        private static string WithoutComment(string line)
        {
            for (int k = 0; k < line.Length; k++)
            {
                if (line[k] == '#' && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t'))
                {
                    return line.Substring(0, k);
                }
            }

            return line;
        }
    }
}
