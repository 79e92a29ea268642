// Licensed under the MIT License.

namespace Edge.Core.Commands
{
    /// <summary>Tokens of the command reader: strings with their escapes, numbers, literals, white space.</summary>
    public sealed partial class CommandJsonReader
    {
        /// <summary>
        /// Reads a string to its closing quote. <paramref name="value"/> is null when it is longer than
        /// <see cref="CommandLimits.MaximumStringChars"/>: it is read to its end all the same, counted and not kept, so that
        /// the caller's refusal can say how long it was (<see cref="OverlongRefusal"/>).
        /// </summary>
        private bool TryReadString(out string value, out string error)
        {
            value = null;
            int start = _position;
            _position++;
            _length = 0;
            _hasSurrogate = false;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    error = UnterminatedStringRefusal(start);
                    return false;
                }

                char c = _text[_position];
                _position++;
                if (c == '"')
                {
                    break;
                }

                if (c < 0x20)
                {
                    error = ControlCharacterRefusal(c, _position - 1);
                    return false;
                }

                if (c == '\\')
                {
                    if (!TryReadEscape(out error))
                    {
                        // A payload that ends inside an escape (a backslash, or \u and fewer than four digits) is cut short, not badly escaped.
                        if (_position >= _text.Length)
                        {
                            error = UnterminatedStringRefusal(start);
                        }

                        return false;
                    }
                }
                else
                {
                    Append(c);
                }
            }

            error = null;
            if (_length <= _limits.MaximumStringChars)
            {
                value = new string(_chars, 0, _length);
            }

            return true;
        }

        /// <summary>The refusal of the string just read past its limit: its length as counted, and <paramref name="maximumChars"/>.</summary>
        private string OverlongRefusal(int maximumChars) => TextLengthRefusal.Of(_length, maximumChars, _hasSurrogate);

        private static string UnterminatedStringRefusal(int openingQuote)
            => "unterminated string: it begins at character " + openingQuote.ToString() + " and the payload ends inside it (cut short, or its closing quote is missing)";

        private bool TryReadEscape(out string error)
        {
            error = "bad escape in a string";
            if (_position >= _text.Length)
            {
                return false;
            }

            char c = _text[_position];
            _position++;
            switch (c)
            {
                case '"':
                case '\\':
                case '/':
                    Append(c);
                    break;
                case 'b':
                    Append('\b');
                    break;
                case 'f':
                    Append('\f');
                    break;
                case 'n':
                    Append('\n');
                    break;
                case 'r':
                    Append('\r');
                    break;
                case 't':
                    Append('\t');
                    break;
                case 'u':
                    int code;
                    if (!TryReadHex4(out code))
                    {
                        return false;
                    }

                    if (code >= 0xDC00 && code <= 0xDFFF)
                    {
                        error = "lone surrogate in a string";
                        return false;
                    }

                    if (code >= 0xD800 && code <= 0xDBFF)
                    {
                        int low;
                        if (!Take('\\') || !Take('u') || !TryReadHex4(out low) || low < 0xDC00 || low > 0xDFFF)
                        {
                            error = "lone surrogate in a string";
                            return false;
                        }

                        Append((char)code);
                        Append((char)low);
                    }
                    else
                    {
                        Append((char)code);
                    }

                    break;
                default:
                    return false;
            }

            error = null;
            return true;
        }

        // Past the limit characters are only counted: the refusal says how long the string was.
        private void Append(char c)
        {
            if (_length < _chars.Length)
            {
                _chars[_length] = c;
            }

            _hasSurrogate |= TextLengthRefusal.IsSurrogate(c);
            _length++;
        }

        private bool TryReadHex4(out int code)
        {
            code = 0;
            for (int i = 0; i < 4; i++)
            {
                if (_position >= _text.Length)
                {
                    return false;
                }

                char c = _text[_position];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    return false;
                }

                code = (code << 4) | digit;
                _position++;
            }

            return true;
        }

        /// <summary>Checks the JSON number grammar and returns its text; the value is interpreted by the field.</summary>
        private bool TryReadNumber(out string text, out string error)
        {
            text = null;
            int start = _position;

            // A number that runs on into characters it cannot hold (01, 0x1, 1_0) is refused whole, as the sender wrote it.
            if (!TakeNumberGrammar() || IsWordChar(Peek()))
            {
                error = NumberRefusal(start, EndOfWord(start));
                return false;
            }

            if (_position - start > _limits.MaximumStringChars)
            {
                error = "a number " + TextLengthRefusal.Of(_position - start, _limits.MaximumStringChars, false);
                return false;
            }

            text = new string(_text, start, _position - start);
            error = null;
            return true;
        }

        /// <summary>Takes the longest prefix of a JSON number (RFC 8259, section 6); false when none is there.</summary>
        private bool TakeNumberGrammar()
        {
            Take('-');
            if (!Take('0') && !TakeDigits())
            {
                return false;
            }

            if (Take('.') && !TakeDigits())
            {
                return false;
            }

            if (Take('e') || Take('E'))
            {
                if (!Take('+'))
                {
                    Take('-');
                }

                if (!TakeDigits())
                {
                    return false;
                }
            }

            return true;
        }

        private bool TakeDigits()
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
            {
                _position++;
            }

            return _position > start;
        }

        private bool TakeWord(string word)
        {
            if (_position + word.Length > _text.Length)
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (_text[_position + i] != word[i])
                {
                    return false;
                }
            }

            // "trueish" is one word, not true followed by data.
            if (_position + word.Length < _text.Length && IsWordChar(_text[_position + word.Length]))
            {
                return false;
            }

            _position += word.Length;
            return true;
        }

        private bool AtEnd(out string error)
        {
            SkipSpace();
            if (_position != _text.Length)
            {
                error = "unexpected data after the object at character " + _position.ToString() + ": " + Found();
                return false;
            }

            error = null;
            return true;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private bool Take(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _position++;
            }
        }
    }
}
