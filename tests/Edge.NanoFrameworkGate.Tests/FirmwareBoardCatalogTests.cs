using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// The firmware carries the board files as string constants (nanoFramework has no file or
    /// resource API in the set the project uses); each constant must stay byte-identical to its
    /// file in boards/.
    /// </summary>
    public sealed class FirmwareBoardCatalogTests
    {
        [Theory]
        [InlineData("DevKitC4s2m", "esp32-devkitc-4s2m.board")]
        [InlineData("Mux6s", "esp32-mux-6s.board")]
        public void EmbeddedBoardEqualsTheBoardFile(string constant, string file)
        {
            string root = RepositoryFiles.Root;
            string catalog = File.ReadAllText(Path.Combine(root, "firmware", "Edge.Firmware", "Boards", "BoardCatalog.cs"));
            Match match = Regex.Match(catalog, "public const string " + constant + " = @\"((?:[^\"]|\"\")*)\";");
            Assert.True(match.Success, "constant " + constant + " not found in BoardCatalog.cs");

            string embedded = match.Groups[1].Value.Replace("\"\"", "\"");
            string expected = File.ReadAllText(Path.Combine(root, "boards", file));

            Assert.Equal(expected.Replace("\r\n", "\n"), embedded.Replace("\r\n", "\n"));
        }

        /// <summary>
        /// Every board file in boards/ is in the catalog's name list, which the boot's embedded
        /// drive-off pin list is checked against (on-device test BootDriveOffTests): a board added
        /// without its catalog entry would leave its pins out of the boot's drive-off.
        /// </summary>
        [Fact]
        public void EveryBoardFileIsInTheCatalog()
        {
            string root = RepositoryFiles.Root;
            string catalog = File.ReadAllText(Path.Combine(root, "firmware", "Edge.Firmware", "Boards", "BoardCatalog.cs"));
            Match names = Regex.Match(catalog, @"public static readonly string\[\] Names = new string\[\] \{([^}]*)\}");
            Assert.True(names.Success, "BoardCatalog.Names not found");

            string[] files = Directory.GetFiles(Path.Combine(root, "boards"), "*.board");
            Assert.NotEmpty(files);
            foreach (string file in files)
            {
                Match name = Regex.Match(File.ReadAllText(file), @"^name\s*=\s*(\S+)", RegexOptions.Multiline);
                Assert.True(name.Success, Path.GetFileName(file) + " has no [board] name");
                Assert.Contains("\"" + name.Groups[1].Value + "\"", names.Groups[1].Value);
            }
        }
    }
}
