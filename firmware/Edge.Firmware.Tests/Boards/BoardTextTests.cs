// Licensed under the MIT License.

using nanoFramework.TestFramework;

namespace NFUnitTest.Boards
{
    /// <summary>The test helper edits by section and key, leaving every other line as it was.</summary>
    [TestClass]
    public class BoardTextTests
    {
        private const string Text = "[a]\nx = 1\n[b]\ny = 2   # note\nx = 2\n";

        [TestMethod]
        public void SetsTheKeyOfTheNamedSectionOnly()
        {
            Assert.AreEqual("[a]\nx = 1\n[b]\ny = 2   # note\nx = 9\n", BoardText.With(Text, "[b]", "x", "9"));
            Assert.AreEqual(5, BoardText.LineOf(Text, "[b]", "x"));
            Assert.AreEqual(2, BoardText.LineOf(Text, "[a]", "x"));
        }

        [TestMethod]
        public void InsertsAMissingKeyAfterTheSectionsLastKey()
        {
            Assert.AreEqual("[a]\nx = 1\nz = 3\n[b]\ny = 2   # note\nx = 2\n", BoardText.With(Text, "[a]", "z", "3"));
            Assert.AreEqual("[a]\nx = 1\n# c\n\n[b]\nz = 3\n", BoardText.With("[a]\nx = 1\n# c\n\n[b]\n", "[b]", "z", "3"));
            Assert.AreEqual("[a]\nx = 1\nz = 3\n# c\n\n[b]\n", BoardText.With("[a]\nx = 1\n# c\n\n[b]\n", "[a]", "z", "3"));
        }

        [TestMethod]
        public void RemovesTheKeysLine()
        {
            Assert.AreEqual("[a]\nx = 1\n[b]\nx = 2\n", BoardText.Without(Text, "[b]", "y"));
        }

        [TestMethod]
        public void KeepsWindowsLineEnds()
        {
            Assert.AreEqual("[a]\r\nx = 7\r\n", BoardText.With("[a]\r\nx = 1\r\n", "[a]", "x", "7"));
        }
    }
}
