using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Edge.NanoFrameworkGate.Tests.AssemblySize
{
    /// <summary>
    /// The per-assembly limits of nanoFramework's assembly format that a growing assembly meets first: its byte
    /// code (<see cref="ByteCodeSize"/>) and its string table (<see cref="StringTableSize"/>), each 65,535 bytes.
    /// </summary>
    public static class DeviceAssemblyLimits
    {
        /// <summary>One line per limit an assembly passes, naming it and its size; empty when every one fits.</summary>
        public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, byte[]> assemblyImages)
        {
            var violations = new List<string>();
            foreach (KeyValuePair<string, byte[]> assembly in assemblyImages.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                int byteCode = ByteCodeSize.NanoByteCodeBytes(assembly.Value);
                if (byteCode > ByteCodeSize.NanoFrameworkLimitBytes)
                {
                    violations.Add(Line(assembly.Key, byteCode, "bytes of byte code", ByteCodeSize.NanoFrameworkLimitBytes, "bytes of byte code"));
                }

                int strings = StringTableSize.UpperBoundBytes(assembly.Value);
                if (strings > StringTableSize.NanoFrameworkLimitBytes)
                {
                    violations.Add(Line(assembly.Key, strings, "bytes of names and literals", StringTableSize.NanoFrameworkLimitBytes, "bytes of string table"));
                }
            }

            return violations;
        }

        /// <summary>
        /// One line per assembly with its byte code (and IL) and string-table bound and their share of the limits, for the
        /// figures the firmware README quotes (re-measured by every run of the size test).
        /// </summary>
        public static IReadOnlyList<string> Figures(IReadOnlyDictionary<string, byte[]> assemblyImages)
        {
            var lines = new List<string>();
            foreach (KeyValuePair<string, byte[]> assembly in assemblyImages.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                int byteCode = ByteCodeSize.NanoByteCodeBytes(assembly.Value);
                int strings = StringTableSize.UpperBoundBytes(assembly.Value);
                lines.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: byte code {1:N0} B ({2:0} % of {3:N0}; IL {4:N0} B), string table at most {5:N0} B ({6:0} % of {7:N0})",
                    assembly.Key,
                    byteCode,
                    100.0 * byteCode / ByteCodeSize.NanoFrameworkLimitBytes,
                    ByteCodeSize.NanoFrameworkLimitBytes,
                    ByteCodeSize.IlBytes(assembly.Value),
                    strings,
                    100.0 * strings / StringTableSize.NanoFrameworkLimitBytes,
                    StringTableSize.NanoFrameworkLimitBytes));
            }

            return lines;
        }

        private static string Line(string assembly, int size, string what, int limit, string table)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0}: {1:N0} {2}, over nanoFramework's {3:N0} {4} per assembly: the device build would fail (split the assembly)",
                assembly,
                size,
                what,
                limit,
                table);
        }
    }
}
