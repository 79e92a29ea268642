// Licensed under the MIT License.

using System.Text;

namespace Edge.Firmware.Telemetry
{
    /// <summary>Escaping of free text inside a JSON string (quotes, backslashes, control characters).</summary>
    public static class JsonText
    {
        /// <summary>
        /// <paramref name="text"/> with '"' and '\' escaped and control characters written as <c>\u00XX</c>, as the core's
        /// JsonByteWriter writes them: a reader gets the text back unchanged, line breaks included (a calibration record).
        /// </summary>
        public static string Escape(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            StringBuilder escaped = new StringBuilder(text.Length + 8);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    escaped.Append('\\').Append(c);
                }
                else if (c < ' ')
                {
                    escaped.Append("\\u00").Append(Hex(c >> 4)).Append(Hex(c & 0xF));
                }
                else
                {
                    escaped.Append(c);
                }
            }

            return escaped.ToString();
        }

        private static char Hex(int nibble)
        {
            return (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
    }
}
