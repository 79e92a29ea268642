// Licensed under the MIT License.

using System;
using System.Text;

namespace NFUnitTest.Boards
{
    /// <summary>
    /// Edits a board text by section and key name, so that a test survives a board file gaining or
    /// losing lines; <see cref="LineOf"/> gives the line a parse error must name.
    /// </summary>
    public static class BoardText
    {
        /// <summary>
        /// The text with <paramref name="key"/> of <paramref name="section"/> (e.g. "[cells]") set to
        /// <paramref name="value"/>: its line replaced, or a new line after the section's last key.
        /// </summary>
        public static string With(string text, string section, string key, string value)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                // A key the section does not have yet goes after its last line, as one would add it.
                int last = LastLineStart(text, section);
                int newline = text.IndexOf('\n', last);
                if (newline < 0)
                {
                    return text + "\n" + key + " = " + value;
                }

                return text.Substring(0, newline + 1) + key + " = " + value + "\n" + text.Substring(newline + 1);
            }

            return text.Substring(0, start) + key + " = " + value + text.Substring(end);
        }

        /// <summary>The text without the line of <paramref name="key"/> in <paramref name="section"/>.</summary>
        public static string Without(string text, string section, string key)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                throw new ArgumentException(section + " has no key " + key);
            }

            int next = text.IndexOf('\n', start);
            return text.Substring(0, start) + (next < 0 ? string.Empty : text.Substring(next + 1));
        }

        /// <summary>
        /// The text with the line of <paramref name="key"/> in <paramref name="section"/> (its header
        /// when <paramref name="key"/> is null) replaced by <paramref name="line"/> as written, for
        /// lines a key and value cannot express (a broken header, a missing '=').
        /// </summary>
        public static string ReplaceLine(string text, string section, string key, string line)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                throw new ArgumentException(section + " has no key " + key);
            }

            return text.Substring(0, start) + line + text.Substring(end);
        }

        /// <summary>
        /// The text with <paramref name="lines"/> placed before the line of <paramref name="key"/> in
        /// <paramref name="section"/> (before its header when <paramref name="key"/> is null): a whole
        /// section placed ahead of another, or lines ahead of the first section.
        /// </summary>
        public static string WithLinesBefore(string text, string section, string key, params string[] lines)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                throw new ArgumentException(section + " has no key " + key);
            }

            return text.Substring(0, start) + Joined(lines) + "\n" + text.Substring(start);
        }

        /// <summary>The text with <paramref name="lines"/> placed right after the line of <paramref name="key"/> in <paramref name="section"/>.</summary>
        public static string WithLinesAfter(string text, string section, string key, params string[] lines)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                throw new ArgumentException(section + " has no key " + key);
            }

            int newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                return text + "\n" + Joined(lines);
            }

            return text.Substring(0, newline + 1) + Joined(lines) + "\n" + text.Substring(newline + 1);
        }

        /// <summary>The text with <paramref name="lines"/> (a section, or a blank line and a section) after its last line.</summary>
        public static string WithLinesAtEnd(string text, params string[] lines)
        {
            return (text.Length == 0 || text[text.Length - 1] == '\n' ? text : text + "\n") + Joined(lines);
        }

        /// <summary>The text with every line ending in <paramref name="lineEnd"/> instead of LF or CR LF.</summary>
        public static string WithLineEnds(string text, string lineEnd)
        {
            // One builder, not a new string per line: on the device every concatenation copies the text so far.
            string[] lines = text.Split('\n');
            StringBuilder result = new StringBuilder(text.Length + lines.Length);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int length = line.Length > 0 && line[line.Length - 1] == '\r' ? line.Length - 1 : line.Length;
                result.Append(line.Substring(0, length));
                if (i + 1 < lines.Length)
                {
                    result.Append(lineEnd);
                }
            }

            return result.ToString();
        }

        /// <summary>The text without <paramref name="section"/>: its header and every line up to the next header.</summary>
        public static string WithoutSection(string text, string section)
        {
            int start;
            int end;
            FindKey(text, section, null, out start, out end);
            int next = text.IndexOf('\n', start) + 1;
            while (next > 0 && next < text.Length)
            {
                int lineEnd = text.IndexOf('\n', next);
                string line = (lineEnd < 0 ? text.Substring(next) : text.Substring(next, lineEnd - next)).Trim();
                if (line.StartsWith("["))
                {
                    return text.Substring(0, start) + text.Substring(next);
                }

                next = lineEnd + 1;
            }

            return text.Substring(0, start);
        }

        /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="section"/> (its header when <paramref name="key"/> is null).</summary>
        public static int LineOf(string text, string section, string key)
        {
            int start;
            int end;
            if (!FindKey(text, section, key, out start, out end))
            {
                throw new ArgumentException(section + " has no key " + key);
            }

            int line = 1;
            for (int i = 0; i < start; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                }
            }

            return line;
        }

        // Finds the line [start, end) of the key (or of the section header when key is null), end at
        // its line break (kept) or the text's end. An unknown section is a mistake in the test.
        private static bool FindKey(string text, string section, string key, out int start, out int end)
        {
            bool inSection = false;
            bool sectionSeen = false;
            int lineStart = 0;
            while (lineStart <= text.Length)
            {
                int lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }

                string line = text.Substring(lineStart, lineEnd - lineStart).Trim();
                if (line.StartsWith("["))
                {
                    inSection = line.StartsWith(section);
                    sectionSeen = sectionSeen || inSection;
                    if (inSection && key == null)
                    {
                        start = lineStart;
                        end = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                        return true;
                    }
                }
                else if (inSection && key != null && IsKeyLine(line, key))
                {
                    start = lineStart;
                    end = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                    return true;
                }

                lineStart = lineEnd + 1;
            }

            if (!sectionSeen)
            {
                throw new ArgumentException("the board has no section " + section);
            }

            start = -1;
            end = -1;
            return false;
        }

        // Start of the section's last line that is neither blank nor a comment (its header if none).
        private static int LastLineStart(string text, string section)
        {
            int start;
            int end;
            FindKey(text, section, null, out start, out end);
            int last = start;
            int lineStart = text.IndexOf('\n', start) + 1;
            while (lineStart > 0 && lineStart < text.Length)
            {
                int lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }

                string line = text.Substring(lineStart, lineEnd - lineStart).Trim();
                if (line.StartsWith("["))
                {
                    break;
                }

                if (line.Length > 0 && !line.StartsWith("#"))
                {
                    last = lineStart;
                }

                lineStart = lineEnd + 1;
            }

            return last;
        }

        private static string Joined(string[] lines)
        {
            string joined = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                joined += (i == 0 ? string.Empty : "\n") + lines[i];
            }

            return joined;
        }

        private static bool IsKeyLine(string line, string key)
        {
            if (!line.StartsWith(key))
            {
                return false;
            }

            string rest = line.Substring(key.Length).Trim();
            return rest.Length > 0 && rest[0] == '=';
        }
    }
}
