using System;
using System.Collections.Generic;
using System.IO;
using Mono.Cecil;
using nanoFramework.Tools.MetadataProcessor;

namespace Edge.DeviceCost.PeConverter
{
    /// <summary>
    /// pe-converter IN.dll OUT.pe [--core-library] [NAME=PATH ...]: the metadata processor's compile step (as its
    /// console's -parse and -compile, minimised), with NAME=PATH telling it where each referenced assembly is.
    /// Prints the .pe size, the byte code against the 65,535 bytes one assembly can hold, and the native
    /// checksum (it must match the runtime's table for an assembly with native methods).
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: pe-converter IN.dll OUT.pe [--core-library] [NAME=PATH ...]");
                return 2;
            }

            bool coreLibrary = false;
            var hints = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 2; i < args.Length; i++)
            {
                if (args[i] == "--core-library")
                {
                    coreLibrary = true;
                    continue;
                }

                int equals = args[i].IndexOf('=');
                if (equals <= 0)
                {
                    Console.Error.WriteLine("pe-converter: '" + args[i] + "' is not NAME=PATH");
                    return 2;
                }

                hints[args[i].Substring(0, equals)] = args[i].Substring(equals + 1);
            }

            AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(args[0], new ReaderParameters { AssemblyResolver = new LoadHintsAssemblyResolver(hints) });
            var builder = new nanoAssemblyBuilder(assembly, new List<string>(), false, coreLibrary);

            // The metadata processor writes once, minimises, then writes again (its console does the same).
            using (var scratch = new MemoryStream())
            using (var writer = new BinaryWriter(scratch))
            {
                builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
            }

            builder.Minimize();
            using (var stream = File.Create(args[1]))
            using (var writer = new BinaryWriter(stream))
            {
                builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
            }

            object byteCodeTable = builder.TablesContext.ByteCodeTable;
            object byteCode = byteCodeTable.GetType()
                .GetField("_lastAvailableRva", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
                ?.GetValue(byteCodeTable);
            Console.WriteLine(Path.GetFileName(args[1]) + ": " + new FileInfo(args[1]).Length + " bytes, byte code " + (byteCode ?? "?") + " of 65535, string table " + StringTableBytes(args[1]) + " of 65535, native checksum " + builder.GetNativeChecksum());
            return 0;
        }

        /// <summary>
        /// The string table's size as written in the .pe file's header (nanoCLR_Types.h, CLR_RECORD_ASSEMBLY: the
        /// marker, five 32-bit words, the version's four 16-bit parts, the name and string-table version, then the
        /// start of each of the 16 tables, a count and each table's padding). Strings are table 11 (TBL_Strings).
        /// Its entries are addressed with 16 bits, so past 65535 bytes the device build fails.
        /// </summary>
        private static int StringTableBytes(string pePath)
        {
            const int StartOfTables = 8 + (5 * 4) + (4 * 2) + 2 + 2;
            const int TableCount = 16;
            const int Strings = 11;
            byte[] pe = File.ReadAllBytes(pePath);
            int start = BitConverter.ToInt32(pe, StartOfTables + (Strings * 4));
            int next = BitConverter.ToInt32(pe, StartOfTables + ((Strings + 1) * 4));
            int padding = pe[StartOfTables + (TableCount * 4) + 4 + Strings];
            return next - start - padding;
        }
    }
}
