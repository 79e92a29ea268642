// Reference surface of nanoFramework's System.IO.FileSystem 1.1.93 (NuGet package nanoFramework.System.IO.FileSystem).
// Public signatures mirrored from nanoFramework's public repository (System.IO.FileSystem/File.cs at
// tag v1.1.93); only the members the firmware uses are declared. Bodies are placeholders because
// this assembly is only ever used as a compile-time reference.

using System;

namespace System.IO
{
    public static class File
    {
        public static void Delete(string path) { throw null; }
        public static bool Exists(string path) { throw null; }
        public static void Move(string sourceFileName, string destFileName) { throw null; }
        public static string ReadAllText(string path) { throw null; }
        public static void WriteAllText(string path, string contents) { throw null; }
    }
}
