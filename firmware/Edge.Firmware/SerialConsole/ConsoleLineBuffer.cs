// Licensed under the MIT License.

using System.Collections;
using System.Text;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// Assembles the characters a terminal sends into lines: a line ends at CR, LF or CR LF (one
    /// line, not two), backspace and DEL remove the last character, a tab is a blank, a line with a cursor or function key's escape
    /// sequence is discarded whole, other control characters are dropped. A line longer than <see cref="MaximumLineLength"/> is discarded whole and reported as
    /// overlong (a null line), so that a flood of noise on the wire never grows memory nor runs as a command; so is a line
    /// that may have lost bytes before they were read (<see cref="MarkInputLost"/>).
    /// </summary>
    public sealed class ConsoleLineBuffer
    {
        /// <summary>
        /// Longest line taken, in UTF-16 characters as a string counts them (a character beyond U+FFFF, an emoji,
        /// counts two; an accented letter or a degree sign one, though it arrives as two UTF-8 bytes): far above the
        /// longest command (a begin with a 64-character unit id).
        /// </summary>
        public const int MaximumLineLength = 160;

        /// <summary>Completed lines kept while they wait; older ones beyond this are dropped.</summary>
        public const int MaximumPendingLines = 8;

        private readonly StringBuilder _current = new StringBuilder();
        private readonly ArrayList _lines = new ArrayList();
        /// <summary>Why a line comes back null: too long.</summary>
        public static readonly string OverlongReason = "line longer than " + MaximumLineLength.ToString() + " characters ignored";

        /// <summary>Why a line comes back null: a cursor or function key was pressed in it.</summary>
        public const string KeyReason = "line with a cursor or function key ignored: the console corrects with backspace only, so the line that arrived is not the one the terminal shows; type it again";

        /// <summary>
        /// Why a line comes back null: bytes of it may have been dropped before they were read (<see cref="MarkInputLost"/>),
        /// so what arrived is not what was sent: <c>samplesPerPoint=4096</c> that lost its middle is <c>samplesPerPoint=46</c>.
        /// </summary>
        public const string LostReason = "input lost: the serial port's 256-byte receive buffer was full and may have dropped bytes of this line; nothing run, send it again";

        private readonly ArrayList _reasons = new ArrayList();
        private bool _overlong;
        private bool _lost;
        private bool _keyed;

        // 0: no escape sequence; 1: after ESC; 2: inside ESC [ ... or ESC O ..., up to its final character.
        private int _escape;
        private bool _afterCarriageReturn;
        private int _droppedLines;

        /// <summary>Adds received characters (any split: a line may arrive over several calls).</summary>
        public void Append(string received)
        {
            if (received == null)
            {
                return;
            }

            for (int i = 0; i < received.Length; i++)
            {
                Add(received[i]);
            }
        }

        /// <summary>Returns and clears the number of completed lines dropped because more than <see cref="MaximumPendingLines"/> waited.</summary>
        public int TakeDroppedLineCount()
        {
            int dropped = _droppedLines;
            _droppedLines = 0;
            return dropped;
        }

        /// <summary>
        /// Takes the oldest completed line into <paramref name="line"/> (null for a discarded line, overlong or with a
        /// cursor key: <see cref="DiscardReason"/> says which); false when no line is complete.
        /// </summary>
        public bool TryTakeLine(out string line)
        {
            line = null;
            if (_lines.Count == 0)
            {
                return false;
            }

            line = (string)_lines[0];
            DiscardReason = (string)_reasons[0];
            _lines.RemoveAt(0);
            _reasons.RemoveAt(0);
            return true;
        }

        /// <summary>Why the line last taken was discarded, or null when it was not.</summary>
        public string DiscardReason { get; private set; }

        /// <summary>
        /// Says that bytes may have been dropped after the characters added so far: the line in progress (empty or not)
        /// comes back null with <see cref="LostReason"/> when it ends, as its end and what followed may be missing.
        /// </summary>
        public void MarkInputLost()
        {
            _lost = true;
        }

        /// <summary>Adds one received character; a line it completes can be taken at once (<see cref="TryTakeLine"/>).</summary>
        public void Add(char c)
        {
            bool carriageReturn = c == '\r';
            if (c == '\n' && _afterCarriageReturn)
            {
                // The LF of a CR LF pair: the line already ended at the CR.
                _afterCarriageReturn = false;
                return;
            }

            _afterCarriageReturn = carriageReturn;
            if (carriageReturn || c == '\n')
            {
                EndLine();
                return;
            }

            if (InEscapeSequence(c))
            {
                return;
            }

            if (c == '\b' || c == (char)127)
            {
                if (_current.Length > 0 && !_overlong)
                {
                    // A character beyond U+FFFF is two halves here and one key press on the terminal: both go.
                    int length = _current.Length;
                    bool pair = length > 1 && IsLowHalf(_current[length - 1]) && IsHighHalf(_current[length - 2]);
                    _current.Length = length - (pair ? 2 : 1);
                }

                return;
            }

            if (c == '\t')
            {
                // A blank between words as a space is (ConsoleCommands splits at both); dropped, it joined "stop\tmodule=1"
                // into one unknown word.
                c = ' ';
            }
            else if (c < ' ')
            {
                return;
            }

            if (_current.Length >= MaximumLineLength)
            {
                _overlong = true;
                return;
            }

            _current.Append(c);
        }

        // A cursor or function key sends ESC [ ... or ESC O and a final letter (VT100/xterm). Its characters are not the
        // line's, and the terminal's local echo may have moved its cursor, so the line is marked to be refused whole.
        private bool InEscapeSequence(char c)
        {
            if (c == (char)27)
            {
                // The Esc key alone sends only this, and is dropped as before; what follows it makes the key sequence.
                _escape = 1;
                return true;
            }

            if (_escape == 0 || c < ' ')
            {
                _escape = 0;
                return false;
            }

            _keyed = true;
            if (_escape == 1)
            {
                _escape = c == '[' || c == 'O' ? 2 : 0;
                return true;
            }

            if (c >= '@' && c <= '~')
            {
                _escape = 0;
            }

            return true;
        }

        private static bool IsHighHalf(char c)
        {
            return c >= '\uD800' && c <= '\uDBFF';
        }

        private static bool IsLowHalf(char c)
        {
            return c >= '\uDC00' && c <= '\uDFFF';
        }

        private void EndLine()
        {
            if (_lines.Count >= MaximumPendingLines)
            {
                _lines.RemoveAt(0);
                _reasons.RemoveAt(0);
                _droppedLines++;
            }

            string reason = _lost ? LostReason : _overlong ? OverlongReason : _keyed ? KeyReason : null;
            _lines.Add(reason == null ? _current.ToString() : null);
            _reasons.Add(reason);
            _current.Length = 0;
            _overlong = false;
            _lost = false;
            _keyed = false;
            _escape = 0;
        }
    }
}
