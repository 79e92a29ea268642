// Reference surface of nanoFramework's nanoFramework.TestFramework 3.0.77 (NuGet package nanoFramework.TestFramework).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;
using nanoFramework.TestFramework;

namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { throw null; }
        public AssertFailedException(string msg) { throw null; }
        public AssertFailedException(string msg, Exception ex) { throw null; }
    }
}
