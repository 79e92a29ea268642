using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Edge.NanoFrameworkGate.Tests.AssemblySize
{
    /// <summary>
    /// How many bytes of strings an assembly brings to the device. nanoFramework's string table is addressed
    /// with 16-bit ids, so one assembly holds at most 65,535 bytes of strings; the metadata processor stops a
    /// larger one with "String table overflow ... Can't use so many strings". The table keeps the names of
    /// types, members and namespaces and every string literal, as UTF-8 with a terminating zero. Counted here,
    /// as an upper bound: the metadata's whole name heap (it also holds parameter names, which the table
    /// drops) and every literal in UTF-8 with its zero.
    /// </summary>
    public static class StringTableSize
    {
        /// <summary>The most bytes of strings one nanoFramework assembly can hold.</summary>
        public const int NanoFrameworkLimitBytes = 65535;

        /// <summary>Name heap plus literals: at least what the string table will hold.</summary>
        public static int UpperBoundBytes(byte[] assemblyImage)
        {
            using (var pe = new PEReader(ImmutableArray.Create(assemblyImage)))
            {
                MetadataReader metadata = pe.GetMetadataReader();
                return metadata.GetHeapSize(HeapIndex.String) + LiteralBytes(metadata);
            }
        }

        /// <summary>Every distinct string literal of the image as UTF-8 with a terminating zero.</summary>
        public static int LiteralBytes(byte[] assemblyImage)
        {
            using (var pe = new PEReader(ImmutableArray.Create(assemblyImage)))
            {
                return LiteralBytes(pe.GetMetadataReader());
            }
        }

        private static int LiteralBytes(MetadataReader metadata)
        {
            int total = 0;
            UserStringHandle handle = MetadataTokens.UserStringHandle(1);
            if (metadata.GetHeapSize(HeapIndex.UserString) <= 1)
            {
                return 0;
            }

            int heapSize = metadata.GetHeapSize(HeapIndex.UserString);
            while (!handle.IsNil)
            {
                UserStringHandle next = metadata.GetNextHandle(handle);
                int end = next.IsNil ? heapSize : MetadataTokens.GetHeapOffset(next);

                // A lone zero byte is the heap's alignment padding, not a literal (even "" takes two bytes).
                if (end - MetadataTokens.GetHeapOffset(handle) > 1)
                {
                    total += Encoding.UTF8.GetByteCount(metadata.GetUserString(handle)) + 1;
                }

                handle = next;
            }

            return total;
        }
    }
}
