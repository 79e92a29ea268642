// Licensed under the MIT License.

using System;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The text of the stored latched faults: a first line <c>latched faults</c>, one line per latched module with its
    /// index and the diagnosis that latched it by its contract name (<c>2 hardShort</c>), or <c>unknown</c> when that
    /// was not known, and a last line <c>end</c> with the count of module lines (<c>end 1</c>); nothing latched is
    /// <c>latched faults</c> and <c>end 0</c>. The end line tells a complete record from one cut short at a line's
    /// end. A record that does not read exactly so keeps what it can: a module line that reads keeps its cause, a
    /// line whose module reads but whose diagnosis does not (a name another firmware wrote) holds that module for an
    /// unknown cause, and anything that leaves open which modules the record named (a line without a module of this
    /// board, no header, no end line or a wrong count, a line after the end) holds every module no line names as
    /// unknown too (<see cref="LatchedFaultKeeper"/>): a record half understood could release a module that was latched.
    /// </summary>
    public static class LatchedFaultRecord
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\latched-faults.txt";

        /// <summary>The name a latch of unknown cause is stored under.</summary>
        public const string UnknownCause = "unknown";

        /// <summary>The record's first line.</summary>
        public const string Header = "latched faults";

        private const string EndWord = "end ";

        /// <summary>
        /// The record of what <paramref name="diagnosis"/> holds latched now, for <paramref name="modules"/> modules; a module
        /// latched for <c>tickMissed</c> in this boot is left out (the controller's timing: not kept across a reset), one
        /// restored with that cause from a record stored before keeps its line (the boot that stored it did so on purpose).
        /// </summary>
        public static string Format(DiagnosisManager diagnosis, int modules)
        {
            string text = Header + "\n";
            int lines = 0;
            for (int m = 0; m < modules; m++)
            {
                // A missed tick is the controller's timing, not the cells': a reset starts that afresh, as it clears the
                // watchdog's latch. Held in RAM (switches open, latched, its event) until a fault reset or a reset; a
                // module held for it that latches for anything else takes that as its cause (DiagnosisManager.LatchCause).
                if (diagnosis.HasLatchedFault(m)
                    && !(diagnosis.IsLatchCauseKnown(m) && diagnosis.LatchCause(m) == DiagnosisId.TickMissed && !diagnosis.IsLatchRestored(m)))
                {
                    text += m.ToString() + " " + (diagnosis.IsLatchCauseKnown(m) ? ContractNames.Of(diagnosis.LatchCause(m)) : UnknownCause) + "\n";
                    lines++;
                }
            }

            return text + EndWord + lines.ToString() + "\n";
        }

        /// <summary>
        /// Reads <paramref name="text"/> for a pack of <paramref name="modules"/> modules: per module, -2 when it is not
        /// latched, -1 when it is latched for an unknown cause, else the DiagnosisId that latched it. When the text does
        /// not read wholly as a record, <paramref name="problem"/> names the first line that does not (quoted, at most
        /// <see cref="QuotedLineLength"/> characters of it) and how many more do not; the modules are then as the class
        /// says: the lines that read keep their causes, and what is left open is held for an unknown cause.
        /// </summary>
        public static int[] Parse(string text, int modules, out string problem)
        {
            problem = null;
            int[] causes = new int[modules];
            bool[] named = new bool[modules];
            for (int m = 0; m < modules; m++)
            {
                causes[m] = -2;
            }

            // A byte-order mark, as an editor may write it, is no part of the first line.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string[] lines = text.Split('\n');
            bool headerSeen = false;
            bool endSeen = false;

            // True once the record leaves open which modules it named: every module no line names is held then.
            bool openSet = false;
            int moduleLines = 0;
            int unreadable = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                string lineProblem = null;
                if (!headerSeen)
                {
                    headerSeen = true;
                    if (line == Header)
                    {
                        continue;
                    }

                    // Its beginning lost: the line may still be a module line, read below.
                    lineProblem = " is not '" + Header + "'";
                    openSet = true;
                }
                else if (endSeen)
                {
                    lineProblem = " follows the end line";
                    openSet = true;
                }
                else if (line.Length > EndWord.Length && line.Substring(0, EndWord.Length) == EndWord)
                {
                    endSeen = true;
                    int count;
                    if (!int.TryParse(line.Substring(EndWord.Length), out count) || count != moduleLines)
                    {
                        openSet = true;
                        NoteUnreadable(ref problem, ref unreadable, i, line, ": " + moduleLines.ToString() + " module line(s) before it");
                    }

                    continue;
                }

                int module;
                int cause;
                string moduleProblem = ReadModuleLine(line, modules, out module, out cause);
                if (moduleProblem == null)
                {
                    causes[module] = cause;
                    named[module] = true;
                    moduleLines++;
                }
                else if (lineProblem == null)
                {
                    // Meant as a module line: it counts toward the end line's count.
                    moduleLines++;
                    if (module >= 0)
                    {
                        // Its module reads, its diagnosis does not: that module is held for an unknown cause.
                        if (!named[module])
                        {
                            causes[module] = -1;
                        }

                        named[module] = true;
                    }
                    else
                    {
                        openSet = true;
                    }
                }

                if (lineProblem != null || moduleProblem != null)
                {
                    NoteUnreadable(ref problem, ref unreadable, i, line, lineProblem != null ? lineProblem : moduleProblem);
                }
            }

            if (!endSeen)
            {
                openSet = true;
                string missing = headerSeen ? "no 'end' line: the record was cut short" : "the record is empty";
                unreadable++;
                if (problem == null)
                {
                    problem = missing;
                }
            }

            if (unreadable > 1)
            {
                problem += " (and " + (unreadable - 1).ToString() + " more)";
            }

            if (openSet)
            {
                for (int m = 0; m < modules; m++)
                {
                    if (!named[m])
                    {
                        causes[m] = -1;
                    }
                }
            }

            return causes;
        }

        /// <summary>
        /// True when every module line of <paramref name="next"/> (a record <see cref="Format"/> wrote) is a line of
        /// <paramref name="stored"/> too: going from the one to the other releases modules and latches none, nor changes
        /// a cause. False when <paramref name="stored"/> is null (not known).
        /// </summary>
        public static bool OnlyReleases(string stored, string next)
        {
            if (stored == null)
            {
                return false;
            }

            string[] lines = next.Split('\n');
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0 || (line.Length > EndWord.Length && line.Substring(0, EndWord.Length) == EndWord))
                {
                    continue;
                }

                if (stored.IndexOf("\n" + line + "\n") < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>At most this many characters of an unreadable line are quoted in the problem.</summary>
        public const int QuotedLineLength = 40;

        // The module and cause of a line "<module> <diagnosis>" (cause as Parse gives it): null, or why the line does not
        // read; module -1 when the line names no module of this board.
        private static string ReadModuleLine(string line, int modules, out int module, out int cause)
        {
            cause = -1;
            int space = line.IndexOf(' ');
            if (space < 1 || !int.TryParse(line.Substring(0, space), out module))
            {
                module = -1;
                return " is not '<module> <diagnosis>'";
            }

            if (module < 0 || module >= modules)
            {
                string outside = ": module " + module.ToString() + " is not on this board (" + modules.ToString() + " modules)";
                module = -1;
                return outside;
            }

            string name = line.Substring(space + 1).Trim();
            if (name == UnknownCause)
            {
                return null;
            }

            cause = ContractNames.ParseDiagnosis(name);
            return cause == -1 ? ": no diagnosis is named '" + Quoted(name) + "'" : null;
        }

        private static void NoteUnreadable(ref string problem, ref int unreadable, int index, string line, string why)
        {
            unreadable++;
            if (problem == null)
            {
                problem = "line " + (index + 1).ToString() + " '" + Quoted(line) + "'" + why;
            }
        }

        // At most QuotedLineLength characters of the text, control characters as '?': a line of a corrupt file may hold
        // anything, and it goes to the console and into an event.
        private static string Quoted(string text)
        {
            bool cut = text.Length > QuotedLineLength;
            char[] chars = (cut ? text.Substring(0, QuotedLineLength) : text).ToCharArray();
            for (int c = 0; c < chars.Length; c++)
            {
                if (chars[c] < ' ' || chars[c] == '\u007F')
                {
                    chars[c] = '?';
                }
            }

            return new string(chars) + (cut ? "..." : string.Empty);
        }
    }
}
