using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// The firmware's board catalog names every board file (the texts themselves are generated from
    /// the files at build time; tests/Edge.Firmware.HostTests checks them byte for byte).
    /// </summary>
    public sealed class FirmwareBoardCatalogTests
    {
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
