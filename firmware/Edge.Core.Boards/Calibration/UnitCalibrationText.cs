// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Boards.Parsing;

namespace Edge.Core.Calibration
{
    /// <summary>
    /// The stored and reported form of a <see cref="UnitCalibration"/>, in the board files' syntax:
    /// <code>
    /// [unit]
    /// board = esp32-mux-6s
    /// front_end = d8827916
    /// unit = 24:0a:c4:12:34:56
    /// reference_counts = 1345
    /// [cell 0]
    /// calibration = 128:-3000, 1104:-1000, ...
    /// [module 0]
    /// calibration = ...
    /// end 10
    /// </code>
    /// Every channel of the board gets a section; <c>reference_counts</c> is -1 without a reference input.
    /// <c>front_end</c> is the board's <see cref="FrontEndFingerprint"/> when the unit was calibrated: a record is
    /// refused on a board file whose front end changed since, even under the same name. The last line,
    /// <c>end</c> and the number of channel sections, tells a whole record from one cut short (a paste or a copy
    /// that lost its tail would otherwise still parse, with a channel's curve short of points or a value cut to
    /// another number); a record without it, or without <c>front_end</c> (one written before either existed), is
    /// refused. Parsing never throws; a bad text changes nothing and names its line.
    /// </summary>
    public static class UnitCalibrationText
    {
        // As long as a device id (1 to 64 of A-Z a-z 0-9 - _), which calibration mode takes as the unit id when none is
        // given: with 40, a long device id failed "begin" although no unit id was given.
        private const int MaxUnitIdLength = 64;

        // Between a section's name and its number, as in board files: a space or a tab.
        private static readonly char[] s_blanks = new char[] { ' ', '\t' };

        // The record's last line: this word, a blank and the number of channel sections.
        private const string EndWord = "end";

        /// <summary>Why <paramref name="unitId"/> cannot name a unit (1-64 of A-Z a-z 0-9 - _ : .), or null.</summary>
        public static string CheckUnitId(string unitId)
        {
            if (unitId == null || unitId.Length == 0 || unitId.Length > MaxUnitIdLength)
            {
                return "unit id must have 1 to " + MaxUnitIdLength.ToString() + " characters";
            }

            for (int i = 0; i < unitId.Length; i++)
            {
                char c = unitId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
                if (!ok)
                {
                    return "unit id may only contain letters, digits, '-', '_', ':' and '.'";
                }
            }

            return null;
        }

        /// <summary>The text of <paramref name="calibration"/>.</summary>
        public static string Format(UnitCalibration calibration)
        {
            string text = "# Edge per-unit calibration (measured on this unit)\n[unit]\nboard = " + calibration.BoardName
                + "\nfront_end = " + calibration.FrontEnd + "\nunit = " + calibration.UnitId + "\nreference_counts = " + calibration.ReferenceCounts.ToString() + "\n";
            for (int i = 0; i < calibration.CellCount; i++)
            {
                text = text + "[cell " + i.ToString() + "]\ncalibration = " + FormatCurve(calibration.CellAt(i)) + "\n";
            }

            for (int i = 0; i < calibration.ModuleCount; i++)
            {
                text = text + "[module " + i.ToString() + "]\ncalibration = " + FormatCurve(calibration.ModuleAt(i)) + "\n";
            }

            for (int i = 0; i < calibration.TemperatureCount; i++)
            {
                text = text + "[temperature " + i.ToString() + "]\ncalibration = " + FormatCurve(calibration.TemperatureAt(i)) + "\n";
            }

            return text + EndWord + " " + ChannelCount(calibration.CellCount, calibration.ModuleCount, calibration.TemperatureCount).ToString() + "\n";
        }

        /// <summary>
        /// Reads a calibration text for <paramref name="board"/>: every section and key must be there, the
        /// record must end in its <c>end</c> line, its <c>front_end</c> must be the board's, and the result must
        /// fit the board (<see cref="UnitCalibration.CheckFits"/>).
        /// </summary>
        public static bool TryParse(string text, BoardDefinition board, out UnitCalibration calibration, out BoardParseError error)
        {
            calibration = null;
            if (text == null)
            {
                error = Fail(0, BoardParseErrorKind.MissingSection, string.Empty, string.Empty, "no calibration text");
                return false;
            }

            // As in board files: a byte-order mark an editor wrote survives when the file is read as raw bytes on the device.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string boardName = null;
            string frontEnd = null;
            string unitId = null;
            int referenceCounts = 0;
            bool hasReference = false;
            CalibrationCurve[] cells = new CalibrationCurve[board.CellCount];
            CalibrationCurve[] modules = new CalibrationCurve[board.ModuleCount];
            CalibrationCurve[] temperatures = new CalibrationCurve[board.TemperatureCount];

            // Where each channel's calibration and the reference reading stand: a curve that does not fit the board is
            // named at its own line.
            int[] cellLines = new int[cells.Length];
            int[] moduleLines = new int[modules.Length];
            int[] temperatureLines = new int[temperatures.Length];
            int referenceLine = 0;
            int endLine = 0;
            string section = null;
            CalibrationCurve[] target = null;
            int targetIndex = 0;
            StatementReader reader = new StatementReader(text);
            string line;
            while (reader.TryNext(out line))
            {
                int lineNumber = reader.LineNumber;
                if (reader.BadCharacter >= 0)
                {
                    error = Fail(lineNumber, BoardParseErrorKind.Syntax, section, string.Empty, reader.BadCharacterProblem());
                    return false;
                }

                if (endLine > 0)
                {
                    error = Fail(lineNumber, BoardParseErrorKind.Syntax, section, string.Empty, "text after the record's end line (line " + endLine.ToString() + "): " + QuotedText.Of(line));
                    return false;
                }

                if (IsEndLine(line))
                {
                    error = ReadEndLine(line, lineNumber, ChannelCount(cells.Length, modules.Length, temperatures.Length));
                    if (error != null)
                    {
                        return false;
                    }

                    endLine = lineNumber;
                    continue;
                }

                if (line[0] == '[')
                {
                    section = line;
                    error = OpenSection(line, lineNumber, cells, modules, temperatures, out target, out targetIndex);
                    if (error != null)
                    {
                        return false;
                    }

                    continue;
                }

                int equals = line.IndexOf('=');
                if (equals <= 0 || section == null)
                {
                    error = Fail(lineNumber, BoardParseErrorKind.Syntax, section, string.Empty, "expected 'key = value' inside a section, found " + QuotedText.Of(line));
                    return false;
                }

                BoardLine entry = new BoardLine(lineNumber, section, line.Substring(0, equals).Trim(), line.Substring(equals + 1).Trim());
                if (target == null)
                {
                    error = ReadUnitKey(entry, board, ref boardName, ref frontEnd, ref unitId, ref referenceCounts, ref hasReference);
                    referenceLine = entry.Key == "reference_counts" ? lineNumber : referenceLine;
                }
                else if (entry.Key != "calibration")
                {
                    error = Fail(lineNumber, BoardParseErrorKind.UnknownKey, section, entry.Key, section + ": unknown key '" + entry.Key + "'; allowed: calibration");
                }
                else if (target[targetIndex] != null)
                {
                    error = entry.Fail(BoardParseErrorKind.DuplicateKey, "duplicate key");
                }
                else
                {
                    CalibrationCurve curve;
                    error = BoardValueReader.ReadCalibration(entry, out curve);
                    target[targetIndex] = curve;
                    int[] lines = target == cells ? cellLines : (target == modules ? moduleLines : temperatureLines);
                    lines[targetIndex] = lineNumber;
                }

                if (error != null)
                {
                    return false;
                }
            }

            // A record cut short is told by its missing last line before anything it lacks: what it lacks is what was cut.
            if (endLine == 0)
            {
                error = Fail(reader.LineNumber, BoardParseErrorKind.MissingSection, EndWord, string.Empty, "the record stops at line " + reader.LineNumber.ToString()
                    + " without its last line '" + EndWord + " " + ChannelCount(cells.Length, modules.Length, temperatures.Length).ToString()
                    + "': it was cut short (a paste or copy that lost its tail), or written before records carried a last line and the board's front end; paste the whole record, or calibrate again");
                return false;
            }

            error = CheckComplete(boardName, frontEnd, unitId, hasReference, cells, modules, temperatures);
            if (error != null)
            {
                return false;
            }

            UnitCalibration result = new UnitCalibration(boardName, frontEnd, unitId, referenceCounts, cells, modules, temperatures);
            error = ChannelMisfit(result, board, CalibrationChannelKind.Cell, "cell", cellLines)
                ?? ChannelMisfit(result, board, CalibrationChannelKind.ModuleCurrent, "module", moduleLines)
                ?? ChannelMisfit(result, board, CalibrationChannelKind.Temperature, "temperature", temperatureLines);
            if (error != null)
            {
                return false;
            }

            // What is left is the record as a whole against the board: a reference reading the board has no [reference] for.
            string misfit = result.CheckFits(board);
            if (misfit != null)
            {
                error = Fail(referenceLine, BoardParseErrorKind.Inconsistent, "[unit]", "reference_counts", misfit);
                return false;
            }

            calibration = result;
            return true;
        }

        /// <summary>The first channel of <paramref name="kind"/> whose curve does not fit the board, at its calibration line; or null.</summary>
        private static BoardParseError ChannelMisfit(UnitCalibration unit, BoardDefinition board, CalibrationChannelKind kind, string name, int[] lines)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                string problem = unit.CheckChannel(board, kind, i);
                if (problem != null)
                {
                    return Fail(lines[i], BoardParseErrorKind.Inconsistent, "[" + name + " " + i.ToString() + "]", "calibration", problem);
                }
            }

            return null;
        }

        private static BoardParseError OpenSection(string line, int lineNumber, CalibrationCurve[] cells, CalibrationCurve[] modules, CalibrationCurve[] temperatures, out CalibrationCurve[] target, out int index)
        {
            target = null;
            index = 0;
            if (line == "[unit]")
            {
                return null;
            }

            string inner = line.Length > 2 && line[line.Length - 1] == ']' ? line.Substring(1, line.Length - 2).Trim() : string.Empty;
            int space = inner.IndexOfAny(s_blanks);
            string name = space < 0 ? inner : inner.Substring(0, space);
            long number;
            if (space < 0 || !FixedPointText.TryParse(inner.Substring(space + 1).Trim(), 0, out number) || number < 0)
            {
                return Fail(lineNumber, BoardParseErrorKind.UnknownSection, line, string.Empty, "unknown section " + line + "; use [unit], [cell N], [module N] or [temperature N]");
            }

            target = name == "cell" ? cells : (name == "module" ? modules : (name == "temperature" ? temperatures : null));
            if (target == null || number >= target.Length)
            {
                target = null;
                return Fail(lineNumber, BoardParseErrorKind.UnknownSection, line, string.Empty, "section " + line + " is not a channel of the board");
            }

            index = (int)number;
            return null;
        }

        private static BoardParseError ReadUnitKey(BoardLine entry, BoardDefinition board, ref string boardName, ref string frontEnd, ref string unitId, ref int referenceCounts, ref bool hasReference)
        {
            // A key given twice would let the last value win unseen, as in the board files, where it is refused too.
            if ((entry.Key == "board" && boardName != null) || (entry.Key == "front_end" && frontEnd != null) || (entry.Key == "unit" && unitId != null)
                || (entry.Key == "reference_counts" && hasReference))
            {
                return entry.Fail(BoardParseErrorKind.DuplicateKey, "duplicate key");
            }

            if (entry.Key == "front_end")
            {
                frontEnd = entry.Value;
                if (!FrontEndFingerprint.IsWellFormed(frontEnd))
                {
                    return entry.Fail(BoardParseErrorKind.Syntax, QuotedText.Of(frontEnd) + " is not a front-end fingerprint: " + FrontEndFingerprint.Length.ToString() + " hex digits, lower case");
                }

                return frontEnd == board.FrontEndFingerprint ? null : entry.Fail(BoardParseErrorKind.Inconsistent, UnitCalibration.FrontEndChanged(board, frontEnd));
            }

            if (entry.Key == "board")
            {
                boardName = entry.Value;
                return boardName == board.Name ? null : entry.Fail(BoardParseErrorKind.Inconsistent, "calibration of board '" + boardName + "' on board '" + board.Name + "'");
            }

            if (entry.Key == "unit")
            {
                string problem = CheckUnitId(entry.Value);
                unitId = entry.Value;
                return problem == null ? null : entry.Fail(BoardParseErrorKind.Syntax, problem);
            }

            if (entry.Key == "reference_counts")
            {
                hasReference = true;
                BoardParseError problem = BoardValueReader.ReadInt(entry, UnitCalibration.NoReference, Esp32AdcCharacteristics.FullScaleCounts, out referenceCounts);
                if (problem == null && (referenceCounts == 0 || referenceCounts == Esp32AdcCharacteristics.FullScaleCounts))
                {
                    // A saturated reading says nothing about the reference's level: every later reading would be
                    // corrected from it and marked implausible.
                    return entry.Fail(BoardParseErrorKind.BadNumber, "the reference reading " + referenceCounts.ToString() + " is at the end of the ADC's scale (saturated); use 1 to " + (Esp32AdcCharacteristics.FullScaleCounts - 1).ToString() + ", or -1 for a board without a reference");
                }

                // Named at its line here; the whole record's check (UnitCalibration.CheckFits) would report it at none.
                string far = problem == null ? UnitCalibration.CheckReferenceCounts(board, referenceCounts) : null;
                return far == null ? problem : entry.Fail(BoardParseErrorKind.Inconsistent, far);
            }

            return Fail(entry.Number, BoardParseErrorKind.UnknownKey, entry.Section, entry.Key, "[unit]: unknown key '" + entry.Key + "'; allowed: board, front_end, unit, reference_counts");
        }

        /// <summary>Whether <paramref name="line"/> is the record's last line: <c>end</c> alone or followed by a blank.</summary>
        private static bool IsEndLine(string line)
        {
            return line.IndexOf(EndWord) == 0 && (line.Length == EndWord.Length || line[EndWord.Length] == ' ' || line[EndWord.Length] == '\t');
        }

        /// <summary>Null when <paramref name="line"/> is <c>end</c> and <paramref name="channels"/>, else why not.</summary>
        private static BoardParseError ReadEndLine(string line, int lineNumber, int channels)
        {
            long number;
            if (!FixedPointText.TryParse(line.Substring(EndWord.Length).Trim(), 0, out number) || number != channels)
            {
                return Fail(lineNumber, BoardParseErrorKind.Inconsistent, EndWord, string.Empty, "the record's last line is " + QuotedText.Of(line) + ", not '" + EndWord + " "
                    + channels.ToString() + "' (the board's cell, module and temperature channels): cut short, or a record of another board; paste the whole record, or calibrate again");
            }

            return null;
        }

        private static int ChannelCount(int cells, int modules, int temperatures)
        {
            return cells + modules + temperatures;
        }

        private static BoardParseError CheckComplete(string boardName, string frontEnd, string unitId, bool hasReference, CalibrationCurve[] cells, CalibrationCurve[] modules, CalibrationCurve[] temperatures)
        {
            if (boardName == null || frontEnd == null || unitId == null || !hasReference)
            {
                string key = boardName == null ? "board" : (frontEnd == null ? "front_end" : (unitId == null ? "unit" : "reference_counts"));
                string why = key == "front_end" ? ": the board's front end the unit was calibrated on; a record without it cannot be told from one of another front end, calibrate again" : string.Empty;
                return Fail(0, BoardParseErrorKind.MissingKey, "[unit]", key, "[unit]: missing required key '" + key + "'" + why);
            }

            BoardParseError error = Missing(cells, "cell");
            if (error == null)
            {
                error = Missing(modules, "module");
            }

            return error == null ? Missing(temperatures, "temperature") : error;
        }

        private static BoardParseError Missing(CalibrationCurve[] curves, string name)
        {
            for (int i = 0; i < curves.Length; i++)
            {
                if (curves[i] == null)
                {
                    string header = "[" + name + " " + i.ToString() + "]";
                    return Fail(0, BoardParseErrorKind.MissingSection, header, "calibration", "missing " + header + " calibration: the board has that channel");
                }
            }

            return null;
        }

        private static string FormatCurve(CalibrationCurve curve)
        {
            string text = string.Empty;
            for (int i = 0; i < curve.PointCount; i++)
            {
                text = (i == 0 ? text : text + ", ") + curve.CountsAt(i).ToString() + ":" + curve.ValueAt(i).ToString();
            }

            return text;
        }

        private static BoardParseError Fail(int line, BoardParseErrorKind kind, string section, string key, string message)
        {
            return new BoardParseError(line, kind, section, key, message);
        }
    }
}
