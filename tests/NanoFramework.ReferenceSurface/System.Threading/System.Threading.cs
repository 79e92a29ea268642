// Reference surface of nanoFramework's System.Threading 1.1.52 (NuGet package nanoFramework.System.Threading).
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

namespace System.Threading
{
    public struct CancellationToken
    {
        public CancellationToken(bool canceled) { throw null; }
        public bool CanBeCanceled { get { throw null; } }
        public bool IsCancellationRequested { get { throw null; } }
        public static CancellationToken None { get { throw null; } }
        public WaitHandle WaitHandle { get { throw null; } }
        public bool Equals(CancellationToken other) { throw null; }
        public override bool Equals(object other) { throw null; }
        public override int GetHashCode() { throw null; }
        public CancellationTokenRegistration Register(Action callback) { throw null; }
        public void ThrowIfCancellationRequested() { throw null; }
    }

    public struct CancellationTokenRegistration : IDisposable
    {
        public void Dispose() { throw null; }
        public bool Equals(CancellationTokenRegistration other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
        public static bool operator ==(CancellationTokenRegistration left, CancellationTokenRegistration right) { throw null; }
        public static bool operator !=(CancellationTokenRegistration left, CancellationTokenRegistration right) { throw null; }
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { throw null; }
        public CancellationTokenSource(int millisecondsDelay) { throw null; }
        public CancellationTokenSource(TimeSpan delay) { throw null; }
        public bool IsCancellationRequested { get { throw null; } }
        public CancellationToken Token { get { throw null; } }
        public void Cancel() { throw null; }
        public void Cancel(bool throwOnFirstException) { throw null; }
        public void CancelAfter(int millisecondsDelay) { throw null; }
        public void CancelAfter(TimeSpan delay) { throw null; }
        public void Dispose() { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
    }

    public class OperationCanceledException : SystemException
    {
        public OperationCanceledException() { throw null; }
        public OperationCanceledException(string message) { throw null; }
        public OperationCanceledException(string message, Exception innerException) { throw null; }
    }
}
