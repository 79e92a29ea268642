// Reference surface of nanoFramework's mscorlib 1.17.11 (NuGet package nanoFramework.CoreLibrary).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.IO
{
    public class IOException : SystemException
    {
        public IOException() { throw null; }
        public IOException(string message) { throw null; }
        public IOException(string message, Exception innerException) { throw null; }
        public IOException(string message, int hresult) { throw null; }
        public IOException.IOExceptionErrorCode ErrorCode { get { throw null; } }

        public enum IOExceptionErrorCode
        {
            Others = -536870912,
            InvalidDriver = -520093696,
            FileNotFound = -503316480,
            DirectoryNotFound = -486539264,
            VolumeNotFound = -469762048,
            PathTooLong = -452984832,
            DirectoryNotEmpty = -436207616,
            UnauthorizedAccess = -419430400,
            PathAlreadyExists = -402653184,
            TooManyOpenHandles = -385875968,
        }
    }
}
