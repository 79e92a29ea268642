// Licensed under the MIT License.

using Edge.Core.Boards.Parsing;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Parses a <c>.board</c> text (see boards/README.md): <c>[section]</c> headers, <c>key = value</c>
    /// lines, <c>#</c> comments. Validates each value as it is read and then the board as a whole;
    /// the first problem found is returned with its line number. Never throws on bad input.
    /// Runs once at start-up, so it may allocate.
    /// </summary>
    public static class BoardParser
    {
        /// <summary>Most cells a board may have.</summary>
        public const int MaxCells = 16;

        /// <summary>Most modules a board may have.</summary>
        public const int MaxModules = 8;

        /// <summary>Most temperature channels a board may have.</summary>
        public const int MaxTemperatures = 4;

        /// <summary>
        /// Most ADC readings averaged into one sample (<c>adc_readings_per_sample</c>): 64 take the ESP32's 2-count noise
        /// to a quarter of a count, and eight inputs at about 50 us a conversion would then spend 26 ms per tick.
        /// </summary>
        public const int MaxAdcReadingsPerSample = 64;

        /// <summary>
        /// Most bytes a board text may take in UTF-8 (a byte order mark not counted): 16 KB. The firmware compiles its
        /// boards into one assembly, whose nanoFramework string table holds at most 65,535 bytes of names and texts
        /// (a larger one fails the device build with "String table overflow"); the firmware's own take about 24 KB.
        /// Two boards at this limit leave about 8 KB of that for the firmware to grow; the largest shipped board,
        /// esp32-mux-6s, is 6,608 bytes, and the fullest board the rules allow (16 cells, 8 modules, 4 temperatures,
        /// 16-point curves, every number at its widest) about 11 KB without comments.
        /// </summary>
        public const int MaxTextBytes = 16384;

        /// <summary>
        /// Parses and validates <paramref name="text"/>. On success <paramref name="board"/> is set and
        /// <paramref name="error"/> is null; otherwise <paramref name="board"/> is null.
        /// </summary>
        public static bool TryParse(string text, out BoardDefinition board, out BoardParseError error)
        {
            board = null;
            if (text == null)
            {
                error = new BoardParseError(0, BoardParseErrorKind.MissingSection, string.Empty, string.Empty, "no board text");
                return false;
            }

            // A UTF-8 byte order mark survives when the file is read as raw bytes on the device.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            // Checked before anything is read: nothing of a text beyond it is taken.
            int bytes = BoardTextSize.Utf8Bytes(text);
            if (bytes > MaxTextBytes)
            {
                error = new BoardParseError(0, BoardParseErrorKind.TooLarge, string.Empty, string.Empty, TooLargeMessage(bytes));
                return false;
            }

            BoardSections sections = new BoardSections();
            error = ReadLines(text, sections);
            if (error != null)
            {
                return false;
            }

            board = BoardAssembler.Assemble(sections, out error);
            return board != null;
        }

        /// <summary>The refusal of a board text of <paramref name="bytes"/> bytes, beyond <see cref="MaxTextBytes"/>.</summary>
        public static string TooLargeMessage(int bytes)
        {
            return "the board text is " + bytes.ToString() + " bytes (UTF-8), more than the " + MaxTextBytes.ToString()
                + " bytes a board file may hold: the firmware compiles its boards into nanoFramework's string table, 65535 bytes"
                + " for all of an assembly's names and texts; shorten its comments";
        }

        private static BoardParseError ReadLines(string text, BoardSections sections)
        {
            SectionBuilder current = null;
            StatementReader reader = new StatementReader(text);
            string line;
            while (reader.TryNext(out line))
            {
                int lineNumber = reader.LineNumber;
                BoardParseError error;
                if (reader.BadCharacter >= 0)
                {
                    return new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, current == null ? string.Empty : current.Header, string.Empty, reader.BadCharacterProblem());
                }

                if (line[0] == '[')
                {
                    current = OpenSection(line, lineNumber, sections, out error);
                }
                else
                {
                    error = ReadKeyValue(line, lineNumber, current);
                }

                if (error != null)
                {
                    return error;
                }
            }

            return null;
        }

        private static SectionBuilder OpenSection(string line, int lineNumber, BoardSections sections, out BoardParseError error)
        {
            if (line[line.Length - 1] != ']' || line.Length < 3)
            {
                error = new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, line, string.Empty, "section header " + QuotedText.Of(line) + " must look like [name] or [name N]");
                return null;
            }

            string inner = line.Substring(1, line.Length - 2).Trim();
            if (inner.Length == 0 || inner.IndexOf('[') >= 0 || inner.IndexOf(']') >= 0 || inner.IndexOf('=') >= 0)
            {
                error = new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, line, string.Empty, "section header " + QuotedText.Of(line) + " must look like [name] or [name N]");
                return null;
            }

            return sections.Open(inner, "[" + inner + "]", lineNumber, out error);
        }

        private static BoardParseError ReadKeyValue(string line, int lineNumber, SectionBuilder current)
        {
            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                return new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, current == null ? string.Empty : current.Header, string.Empty, "expected 'key = value' or '[section]', found " + QuotedText.Of(line));
            }

            string key = line.Substring(0, equals).Trim();
            string value = equals + 1 < line.Length ? line.Substring(equals + 1).Trim() : string.Empty;
            if (key.Length == 0 || key.IndexOf(' ') >= 0 || key.IndexOf('\t') >= 0)
            {
                return new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, current == null ? string.Empty : current.Header, key, "expected a single-word key before '=', found " + QuotedText.Of(line));
            }

            if (current == null)
            {
                return new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, string.Empty, key, "key '" + key + "' stands before any [section]");
            }

            if (value.Length == 0)
            {
                return new BoardParseError(lineNumber, BoardParseErrorKind.Syntax, current.Header, key, current.Header + " " + key + ": empty value");
            }

            return current.Accept(new BoardLine(lineNumber, current.Header, key, value));
        }
    }
}
