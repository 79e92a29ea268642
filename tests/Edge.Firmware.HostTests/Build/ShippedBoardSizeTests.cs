using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Edge.Core.Boards;
using Edge.Firmware.Boards;
using Xunit;

namespace Edge.Firmware.HostTests.Build
{
    /// <summary>
    /// The firmware build compiles every shipped board into nanoFramework's string table (65,535 bytes for all of an
    /// assembly's names and texts), so it refuses a board file beyond <see cref="BoardParser.MaxTextBytes"/>, the limit
    /// the parser holds at boot, naming the file, its size and the limit, and generates nothing for it. Run here as the
    /// build runs it: MSBuild on a project that imports firmware/Edge.Firmware/Boards/ShippedBoards.targets with one board.
    /// </summary>
    public sealed class ShippedBoardSizeTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "edge-board-size-" + Guid.NewGuid().ToString("N"));

        public ShippedBoardSizeTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            Directory.Delete(_folder, true);
        }

        [Fact]
        public void ABoardAtTheLimitIsCompiledInByteForByte()
        {
            // Padded with a comment of e-acute (two bytes each in UTF-8): the build counts bytes, not characters.
            string text = BoardOfBytes(BoardParser.MaxTextBytes);

            (int exitCode, string output) = Generate(text);

            Assert.True(exitCode == 0, output);
            string generated = File.ReadAllText(Path.Combine(_folder, "obj", "ShippedBoardTexts.g.cs"));
            Assert.Contains("public const string Board = @\"" + text.Replace("\"", "\"\"") + "\";", generated);
        }

        [Fact]
        public void ABoardOneByteOverTheLimitIsRefusedNamingTheFileItsSizeAndTheLimit()
        {
            string text = BoardOfBytes(BoardParser.MaxTextBytes + 1);

            (int exitCode, string output) = Generate(text);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("big.board: 16385 bytes (UTF-8), more than the 16384 bytes a board file may hold", output);
            Assert.False(File.Exists(Path.Combine(_folder, "obj", "ShippedBoardTexts.g.cs")));
        }

        /// <summary>
        /// The shipped mux board with a last comment line of e-acute (2 bytes each) and, for an odd count, one "x":
        /// <paramref name="bytes"/> bytes of UTF-8 in all.
        /// </summary>
        private static string BoardOfBytes(int bytes)
        {
            string board = BoardCatalog.Mux6s;
            int pad = bytes - Encoding.UTF8.GetByteCount(board) - "#\n".Length;
            string comment = "#" + new string('\u00E9', pad / 2) + (pad % 2 == 1 ? "x" : string.Empty) + "\n";
            string text = board + comment;
            Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
            return text;
        }

        private (int ExitCode, string Output) Generate(string boardText)
        {
            File.WriteAllText(Path.Combine(_folder, "big.board"), boardText, new UTF8Encoding(false));
            string targets = Path.Combine(RepositoryRoot(), "firmware", "Edge.Firmware", "Boards", "ShippedBoards.targets");
            File.WriteAllText(
                Path.Combine(_folder, "boards.proj"),
                "<Project>\n"
                + "  <PropertyGroup><IntermediateOutputPath>obj/</IntermediateOutputPath></PropertyGroup>\n"
                + "  <Import Project=\"" + targets + "\" />\n"
                + "  <ItemGroup>\n"
                + "    <ShippedBoard Remove=\"@(ShippedBoard)\" />\n"
                + "    <ShippedBoard Include=\"big.board\" ConstantName=\"Board\" />\n"
                + "  </ItemGroup>\n"
                + "</Project>\n");
            ProcessStartInfo start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = _folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "msbuild", "boards.proj", "-t:GenerateShippedBoardTexts", "-nologo", "-v:m", "-nodeReuse:false" })
            {
                start.ArgumentList.Add(argument);
            }

            using (Process process = Process.Start(start))
            {
                System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                Assert.True(process.WaitForExit(120000), "msbuild did not finish in 2 minutes");
                return (process.ExitCode, output + error.Result);
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
