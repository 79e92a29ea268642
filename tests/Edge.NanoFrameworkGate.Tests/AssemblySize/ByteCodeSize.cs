using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Edge.NanoFrameworkGate.Tests.AssemblySize
{
    /// <summary>
    /// How much byte code an assembly brings to the device. nanoFramework's assembly format gives each
    /// method's byte code a 16-bit offset (the RVA of CLR_RECORD_METHODDEF is a CLR_OFFSET), so one assembly
    /// holds at most 65,535 bytes of it; the metadata processor stops a larger one with "Byte code table
    /// overflow ... It's impossible to compile such a large assembly", and the device build fails. The IL
    /// counted here is an upper bound: the metadata processor writes each metadata token in 2 bytes instead
    /// of IL's 4 and leaves the rest of the code as it is.
    /// </summary>
    public static class ByteCodeSize
    {
        /// <summary>The most byte code one nanoFramework assembly can hold.</summary>
        public const int NanoFrameworkLimitBytes = 65535;

        /// <summary>Bytes of IL over every method body of the assembly image (headers and metadata excluded).</summary>
        public static int IlBytes(byte[] assemblyImage)
        {
            using (var pe = new PEReader(ImmutableArray.Create(assemblyImage)))
            {
                MetadataReader metadata = pe.GetMetadataReader();
                int total = 0;
                foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
                {
                    int rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
                    if (rva != 0)
                    {
                        total += pe.GetMethodBody(rva).GetILReader().Length;
                    }
                }

                return total;
            }
        }
    }
}
