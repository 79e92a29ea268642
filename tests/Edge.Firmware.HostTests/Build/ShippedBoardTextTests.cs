using System;
using System.IO;
using Edge.Firmware.Boards;
using Xunit;

namespace Edge.Firmware.HostTests.Build
{
    /// <summary>
    /// The firmware's board constants are generated from boards/ at build time
    /// (firmware/Edge.Firmware/Boards/ShippedBoards.targets): the compiled constant and the file on
    /// disk are one text, byte for byte, line ends included.
    /// </summary>
    public sealed class ShippedBoardTextTests
    {
        [Theory]
        [InlineData(BoardCatalog.DevKitC4s2m, "esp32-devkitc-4s2m.board")]
        [InlineData(BoardCatalog.Mux6s, "esp32-mux-6s.board")]
        public void CompiledBoardIsTheBoardFileByteForByte(string compiled, string file)
        {
            string onDisk = File.ReadAllText(Path.Combine(RepositoryRoot(), "boards", file));

            Assert.Equal(onDisk, compiled);
        }

        [Fact]
        public void EveryCatalogNameFindsTheBoardOfThatName()
        {
            foreach (string name in BoardCatalog.Names)
            {
                string text = BoardCatalog.Find(name);

                Assert.NotNull(text);
                Assert.Contains("\nname = " + name + "\n", text.Replace("\r\n", "\n"));
            }
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return directory.FullName;
        }
    }
}
