// Reference surface of nanoFramework's mscorlib 1.17.11 (NuGet package nanoFramework.CoreLibrary).
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
    public sealed class AutoResetEvent : WaitHandle
    {
        public AutoResetEvent(bool initialState) { throw null; }
        public bool Reset() { throw null; }
        public bool Set() { throw null; }
    }

    public static class Interlocked
    {
        public static int CompareExchange(ref int location1, int value, int comparand) { throw null; }
        public static int Decrement(ref int location) { throw null; }
        public static int Exchange(ref int location1, int value) { throw null; }
        public static int Increment(ref int location) { throw null; }
    }

    public sealed class ManualResetEvent : WaitHandle
    {
        public ManualResetEvent(bool initialState) { throw null; }
        public bool Reset() { throw null; }
        public bool Set() { throw null; }
    }

    public static class Monitor
    {
        public static void Enter(object obj) { throw null; }
        public static void Exit(object obj) { throw null; }
    }

    public struct SpinWait
    {
        public void SpinOnce() { throw null; }
        public static void SpinUntil(int millisecondsTimeout) { throw null; }
        public static void SpinUntil(TimeSpan timeout) { throw null; }
    }

    public sealed class Thread
    {
        public Thread(ThreadStart start) { throw null; }
        public static Thread CurrentThread { get { throw null; } }
        public bool IsAlive { get { throw null; } }
        public int ManagedThreadId { get { throw null; } }
        public ThreadPriority Priority { get { throw null; } set { } }
        public ThreadState ThreadState { get { throw null; } }
        public void Abort() { throw null; }
        public void Join() { throw null; }
        public bool Join(int millisecondsTimeout) { throw null; }
        public bool Join(TimeSpan timeout) { throw null; }
        public void Resume() { throw null; }
        public static void Sleep(int millisecondsTimeout) { throw null; }
        public static void Sleep(TimeSpan timeout) { throw null; }
        public static void SpinWait(int iterations) { throw null; }
        public void Start() { throw null; }
        public void Suspend() { throw null; }
    }

    public sealed class ThreadAbortException : SystemException
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal ThreadAbortException() { }
    }

    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4,
    }

    public delegate void ThreadStart();

    [Flags]
    public enum ThreadState
    {
        Running = 0,
        StopRequested = 1,
        SuspendRequested = 2,
        Background = 4,
        Unstarted = 8,
        Stopped = 16,
        WaitSleepJoin = 32,
        Suspended = 64,
        AbortRequested = 128,
        Aborted = 256,
    }

    public static class Timeout
    {
        public const int Infinite = -1;
        public static readonly TimeSpan InfiniteTimeSpan;
    }

    public sealed class Timer : MarshalByRefObject, IDisposable
    {
        public Timer(TimerCallback callback, object state, int dueTime, int period) { throw null; }
        public Timer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period) { throw null; }
        public bool Change(int dueTime, int period) { throw null; }
        public bool Change(TimeSpan dueTime, TimeSpan period) { throw null; }
        public void Dispose() { throw null; }
    }

    public delegate void TimerCallback(object state);

    public abstract class WaitHandle : MarshalByRefObject
    {
        protected WaitHandle() { throw null; }
        public const int WaitTimeout = 258;
        public static bool WaitAll(WaitHandle[] waitHandles) { throw null; }
        public static bool WaitAll(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) { throw null; }
        public static int WaitAny(WaitHandle[] waitHandles) { throw null; }
        public static int WaitAny(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) { throw null; }
        public virtual bool WaitOne() { throw null; }
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) { throw null; }
    }
}
