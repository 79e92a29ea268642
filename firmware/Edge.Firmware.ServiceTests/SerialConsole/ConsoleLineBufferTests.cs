// Licensed under the MIT License.

using Edge.Firmware.SerialConsole;
using nanoFramework.TestFramework;

namespace NFUnitTest.SerialConsole
{
    /// <summary>What a terminal sends becomes lines: any line end, any split, corrections applied, noise bounded.</summary>
    [TestClass]
    public class ConsoleLineBufferTests
    {
        [TestMethod]
        public void CrLfIsOneLineEndAndLoneCrOrLfEndALineToo()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("status\r\nhelp\rcalibrate abort\n\r\n");

            Assert.AreEqual("status", Take(buffer));
            Assert.AreEqual("help", Take(buffer));
            Assert.AreEqual("calibrate abort", Take(buffer));

            // "\n" ends the third line; the "\r\n" after it is one more (empty) line, not two.
            Assert.AreEqual(string.Empty, Take(buffer));
            string line;
            Assert.IsFalse(buffer.TryTakeLine(out line), "nothing else is complete");
        }

        [TestMethod]
        public void ALineMayArriveInPiecesAndIsCompleteOnlyAtItsEnd()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            string line;
            buffer.Append("calib");
            Assert.IsFalse(buffer.TryTakeLine(out line));
            buffer.Append("rate rec");
            buffer.Append("ord\r");
            Assert.AreEqual("calibrate record", Take(buffer));

            // The LF of that CR LF arrives in the next read: no extra empty line.
            buffer.Append("\nstatus\r\n");
            Assert.AreEqual("status", Take(buffer));
            Assert.IsFalse(buffer.TryTakeLine(out line));
        }

        [TestMethod]
        public void BackspaceAndDeleteCorrectAndControlCharactersAreDropped()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("statx\bus\u001b\r");
            buffer.Append("helpp\u007f\n");

            Assert.AreEqual("status", Take(buffer));
            Assert.AreEqual("help", Take(buffer));
        }

        [TestMethod]
        public void BackspaceRemovesACharacterBeyondTheBasicPlaneWhole()
        {
            // U+1F600 is two UTF-16 halves and one key press: one DEL takes both, not only the second half. The halves
            // come one char at a time, as the console's UTF-8 decoder hands them over. nanoCLR keeps strings in UTF-8 and
            // its string indexer returns neither half of a character beyond U+FFFF (get_Chars converts one UTF-16 unit
            // and stops before a pair; measured on nanoCLR: a literal's halves reached the buffer as two other chars).
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("ab");
            buffer.Add('\uD83D');
            buffer.Add('\uDE00');
            buffer.Append("\u007f\r");
            buffer.Append("c\u00E9\b\n");

            Assert.AreEqual("ab", Take(buffer));
            Assert.AreEqual("c", Take(buffer), "a character of the basic plane is one");
        }

        [TestMethod]
        public void ATabSeparatesWordsAsASpaceDoes()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("stop\tmodule=1\n");
            Assert.AreEqual(2, Edge.Core.Text.Words.Of(Take(buffer)).Length, "stop and module=1, not one word 'stopmodule=1'");
        }

        [TestMethod]
        public void ALineWithACursorKeyIsDiscardedWholeAndSaysWhy()
        {
            // "stats", left arrow (ESC [ D), "u": the terminal shows "statuss" edited somewhere, the wire carries neither.
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("stats\u001b[Du\r\n");
            buffer.Append("stop\u001bOA module=1\n");
            buffer.Append("status\n");

            string line;
            Assert.IsTrue(buffer.TryTakeLine(out line));
            Assert.IsNull(line, "not 'stats[Du' nor 'statsu'");
            Assert.AreEqual(ConsoleLineBuffer.KeyReason, buffer.DiscardReason);
            Assert.IsTrue(buffer.TryTakeLine(out line));
            Assert.IsNull(line, "an application-mode cursor key (ESC O A) too");
            Assert.AreEqual("status", Take(buffer), "the next line is read as typed");
            Assert.IsNull(buffer.DiscardReason);
        }

        [TestMethod]
        public void AnOverlongLineIsDiscardedWholeAndTheNextLineIsRead()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            string noise = new string('x', ConsoleLineBuffer.MaximumLineLength + 1);
            buffer.Append(noise + "\nstatus\n");

            string line;
            Assert.IsTrue(buffer.TryTakeLine(out line));
            Assert.IsNull(line, "the overlong line comes back as null, not cut to a command");
            Assert.AreEqual("status", Take(buffer));

            // Exactly at the limit is still a line.
            buffer.Append(new string('y', ConsoleLineBuffer.MaximumLineLength) + "\n");
            Assert.AreEqual(ConsoleLineBuffer.MaximumLineLength, Take(buffer).Length);
        }

        [TestMethod]
        public void ALossTaintsTheLineInProgressOnlyEvenAnEmptyOne()
        {
            // Bytes dropped after "sta": "sta" and what follows up to the next line end are one line with a hole in it.
            // The lines before arrived whole, and so do the lines after that end.
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            buffer.Append("help\r\nsta");
            buffer.MarkInputLost();
            buffer.Append("tus\r\nhelp\r\n");
            Assert.AreEqual("help", Take(buffer));
            Assert.IsNull(Take(buffer), "the line with the hole is not run");
            Assert.StartsWith("input lost", buffer.DiscardReason);
            Assert.AreEqual("help", Take(buffer));
            Assert.IsNull(buffer.DiscardReason);

            // A loss right after a line end: the next line's start may be what was dropped ("h" of "help").
            buffer.Append("status\r\n");
            buffer.MarkInputLost();
            buffer.Append("elp\r\n");
            Assert.AreEqual("status", Take(buffer));
            Assert.IsNull(Take(buffer), "'elp' is not run");
            Assert.StartsWith("input lost", buffer.DiscardReason);
        }

        [TestMethod]
        public void UnreadLinesBeyondTheLimitDropTheOldest()
        {
            ConsoleLineBuffer buffer = new ConsoleLineBuffer();
            for (int i = 0; i < ConsoleLineBuffer.MaximumPendingLines + 2; i++)
            {
                buffer.Append("line " + i.ToString() + "\n");
            }

            Assert.AreEqual("line 2", Take(buffer));
        }

        private static string Take(ConsoleLineBuffer buffer)
        {
            string line;
            Assert.IsTrue(buffer.TryTakeLine(out line), "a complete line");
            return line;
        }
    }
}
