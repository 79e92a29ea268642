using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>
    /// No firmware or core source forces a garbage collection. nanoFramework's collector stops every
    /// managed thread, the sampling thread included; a forced one on a periodic path (formerly the
    /// health report's free-heap figure) delays a tick's release every period it runs.
    /// </summary>
    public sealed class FirmwarePeriodicPathTests
    {
        [Fact]
        public void NoSourceForcesACollection()
        {
            string root = RepositoryFiles.Root;
            string[] folders = { Path.Combine(root, "firmware", "Edge.Core"), Path.Combine(root, "firmware", "Edge.Core.Boards"), Path.Combine(root, "firmware", "Edge.Core.Messaging"), Path.Combine(root, "firmware", "Edge.Firmware"), Path.Combine(root, "firmware", "Edge.Firmware.App") };
            var offenders = folders
                .SelectMany(f => Directory.GetFiles(f, "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (file: f, number: i + 1, line)))
                .Where(l => !l.line.TrimStart().StartsWith("//", System.StringComparison.Ordinal))
                .Where(l => Regex.IsMatch(l.line, @"\bGC\s*\.\s*(Run|Collect)\s*\("))
                .Select(l => Path.GetRelativePath(root, l.file) + ":" + l.number + ": " + l.line.Trim())
                .ToArray();

            Assert.True(offenders.Length == 0, "forced collections:\n" + string.Join("\n", offenders));
        }
    }
}
