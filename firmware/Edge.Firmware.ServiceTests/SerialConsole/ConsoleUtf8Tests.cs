// Licensed under the MIT License.

using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;

namespace NFUnitTest.SerialConsole
{
    /// <summary>
    /// The UART hands over bytes in reads of any size: a line with multi-byte UTF-8 characters reads the same wherever
    /// the reads split it, invalid bytes included.
    /// </summary>
    [TestClass]
    public class ConsoleUtf8Tests
    {
        // "déjà–20°C😀" then CR LF: é, à and ° are two bytes each, the en dash three, the emoji four (U+1F600).
        private static readonly byte[] Typed =
        {
            0x64, 0xC3, 0xA9, 0x6A, 0xC3, 0xA0, 0xE2, 0x80, 0x93, 0x32, 0x30, 0xC2, 0xB0, 0x43, 0xF0, 0x9F, 0x98, 0x80, 0x0D, 0x0A,
        };

        private const string TypedWord = "d\u00E9j\u00E0\u201320\u00B0C\uD83D\uDE00";

        // 'x' FF 'y' E2 82 'z' ED A0 80 C0 AF F4 90 80 80 E0 80 'w' CR. Unicode's maximal-subpart rule (the one .NET's
        // Encoding.UTF8 follows) gives one U+FFFD for FF and for the cut E2 82, then one per byte of the surrogate ED A0 80
        // (3), the overlong C0 AF (2), F4 90 80 80 beyond U+10FFFF (4) and the overlong start E0 80 (2).
        private static readonly byte[] Invalid =
        {
            0x78, 0xFF, 0x79, 0xE2, 0x82, 0x7A, 0xED, 0xA0, 0x80, 0xC0, 0xAF, 0xF4, 0x90, 0x80, 0x80, 0xE0, 0x80, 0x77, 0x0D,
        };

        private const string InvalidWord = "x\uFFFDy\uFFFDz\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDw";

        [TestMethod]
        public void ALineSplitAnywhereReadsAsInOneRead()
        {
            string expected = Unknown(TypedWord);
            for (int split = 0; split <= Typed.Length; split++)
            {
                Assert.AreEqual(expected, InTwoReads(Typed, split), "split after byte " + split.ToString());
            }

            Assert.AreEqual(expected, OneByteAtATime(Typed), "one byte per read");
        }

        [TestMethod]
        public void InvalidBytesReadTheSameWhereverTheReadsSplit()
        {
            string expected = Unknown(InvalidWord);
            for (int split = 0; split <= Invalid.Length; split++)
            {
                Assert.AreEqual(expected, InTwoReads(Invalid, split), "split after byte " + split.ToString());
            }

            Assert.AreEqual(expected, OneByteAtATime(Invalid), "one byte per read");
        }

        [TestMethod]
        public void TheLineLimitCountsCharactersNotBytes()
        {
            // 160 e-acute are 320 bytes: a line of 160 characters, taken; one more is over the limit.
            Assert.AreEqual(Unknown(Repeat('\u00E9', ConsoleLineBuffer.MaximumLineLength)), OneByteAtATime(TwoByteLine(ConsoleLineBuffer.MaximumLineLength)));
            Assert.AreEqual("error: " + ConsoleLineBuffer.OverlongReason + "\r\n", OneByteAtATime(TwoByteLine(ConsoleLineBuffer.MaximumLineLength + 1)));
        }

        private static string Unknown(string word)
        {
            return "error: unknown command '" + word + "': expected " + ConsoleControl.Verbs + ", readings, config, settings, events, calibrate, status or help\r\n";
        }

        private static string InTwoReads(byte[] bytes, int split)
        {
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(null));
            byte[] first = new byte[split];
            byte[] second = new byte[bytes.Length - split];
            System.Array.Copy(bytes, 0, first, 0, split);
            System.Array.Copy(bytes, split, second, 0, second.Length);
            return session.Process(first, first.Length) + session.Process(second, second.Length);
        }

        private static string OneByteAtATime(byte[] bytes)
        {
            ConsoleSession session = new ConsoleSession(new ConsoleCommands(null));
            byte[] one = new byte[1];
            string output = string.Empty;
            for (int i = 0; i < bytes.Length; i++)
            {
                one[0] = bytes[i];
                output += session.Process(one, 1);
            }

            return output;
        }

        private static byte[] TwoByteLine(int characters)
        {
            byte[] line = new byte[characters * 2 + 1];
            for (int i = 0; i < characters; i++)
            {
                line[2 * i] = 0xC3;
                line[2 * i + 1] = 0xA9;
            }

            line[line.Length - 1] = 0x0A;
            return line;
        }

        private static string Repeat(char c, int count)
        {
            return new string(c, count);
        }
    }
}
