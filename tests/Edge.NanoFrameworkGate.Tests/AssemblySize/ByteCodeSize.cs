using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Edge.NanoFrameworkGate.Tests.AssemblySize
{
    /// <summary>
    /// How much byte code an assembly brings to the device. nanoFramework's assembly format gives each
    /// method's byte code a 16-bit offset (the RVA of CLR_RECORD_METHODDEF is a CLR_OFFSET), so one assembly
    /// holds at most 65,535 bytes of it; the metadata processor stops a larger one with "Byte code table
    /// overflow ... It's impossible to compile such a large assembly", and the device build fails.
    /// </summary>
    public static class ByteCodeSize
    {
        /// <summary>The most byte code one nanoFramework assembly can hold.</summary>
        public const int NanoFrameworkLimitBytes = 65535;

        // Each exception handler is written after its method's code as six 16-bit words (kind, catch type or
        // filter, try start and end, handler start and end), and a method with any writes their count in a byte.
        private const int ExceptionHandlerBytes = 12;

        private static readonly Dictionary<short, OperandType> OperandTypes = ReadOperandTypes();

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

        /// <summary>
        /// The byte code the metadata processor writes for the assembly, worked out from its IL the way its
        /// CodeWriter writes it: each opcode as in IL; a method, field, type or string token and a long branch's
        /// offset in 2 bytes instead of 4; a switch's count in 1 byte and each target in 2; a calli's signature
        /// not at all; every other operand as in IL; then the exception handlers (12 bytes each and a count byte).
        /// Checked against the metadata processor's own table sizes (DeviceAssemblySizeTests).
        /// </summary>
        public static int NanoByteCodeBytes(byte[] assemblyImage)
        {
            using (var pe = new PEReader(ImmutableArray.Create(assemblyImage)))
            {
                MetadataReader metadata = pe.GetMetadataReader();
                int total = 0;
                foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
                {
                    int rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
                    if (rva == 0)
                    {
                        continue;
                    }

                    MethodBodyBlock body = pe.GetMethodBody(rva);
                    total += CodeBytes(body.GetILReader());
                    int handlers = body.ExceptionRegions.Length;
                    if (handlers > 0)
                    {
                        total += (handlers * ExceptionHandlerBytes) + 1;
                    }
                }

                return total;
            }
        }

        private static int CodeBytes(BlobReader il)
        {
            int bytes = 0;
            while (il.RemainingBytes > 0)
            {
                short opcode = il.ReadByte();
                int opcodeBytes = 1;
                if (opcode == 0xFE)
                {
                    opcode = unchecked((short)(0xFE00 | il.ReadByte()));
                    opcodeBytes = 2;
                }

                bytes += opcodeBytes;
                switch (OperandTypes[opcode])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        bytes += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        bytes += 2;
                        break;
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.InlineTok:
                        il.Offset += 4;
                        bytes += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        bytes += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineString:
                    case OperandType.InlineType:
                        il.Offset += 4;
                        bytes += 2;
                        break;
                    case OperandType.InlineSig:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        bytes += 1 + (2 * targets);
                        break;
                    default:
                        throw new System.InvalidOperationException("IL operand type " + OperandTypes[opcode] + " is not known to the byte code count");
                }
            }

            return bytes;
        }

        private static Dictionary<short, OperandType> ReadOperandTypes()
        {
            var types = new Dictionary<short, OperandType>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var opcode = (OpCode)field.GetValue(null);
                types[opcode.Value] = opcode.OperandType;
            }

            return types;
        }
    }
}
