// Reference surface of nanoFramework's mscorlib 1.17.11 (NuGet package nanoFramework.CoreLibrary).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.Diagnostics
{
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class ConditionalAttribute : Attribute
    {
        public ConditionalAttribute(string conditionString) { throw null; }
        public string ConditionString { get { throw null; } }
    }

    public static class Debug
    {
        [Conditional("DEBUG")]
        public static void Assert(bool condition) { throw null; }
        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message) { throw null; }
        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message, string detailedMessage) { throw null; }
        [Conditional("DEBUG")]
        public static void Write(string message) { throw null; }
        [Conditional("DEBUG")]
        public static void WriteLine() { throw null; }
        [Conditional("DEBUG")]
        public static void WriteLine(string message) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Module)]
    public sealed class DebuggableAttribute : Attribute
    {
        public DebuggableAttribute(DebuggableAttribute.DebuggingModes modes) { throw null; }
        public DebuggableAttribute(bool isJITTrackingEnabled, bool isJITOptimizerDisabled) { throw null; }
        public DebuggableAttribute.DebuggingModes DebuggingFlags { get { throw null; } }
        public bool IsJITOptimizerDisabled { get { throw null; } }
        public bool IsJITTrackingEnabled { get { throw null; } }

        [Flags]
        public enum DebuggingModes
        {
            None = 0,
            Default = 1,
            DisableOptimizations = 256,
            IgnoreSymbolStoreSequencePoints = 2,
            EnableEditAndContinue = 4,
        }
    }

    public static class Debugger
    {
        public static bool IsAttached { get { throw null; } }
        public static void Break() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DebuggerBrowsableAttribute : Attribute
    {
        public DebuggerBrowsableAttribute(DebuggerBrowsableState state) { throw null; }
        public DebuggerBrowsableState State { get { throw null; } }
    }

    public enum DebuggerBrowsableState
    {
        Never = 0,
        Collapsed = 2,
        RootHidden = 3,
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Delegate, AllowMultiple = true)]
    public sealed class DebuggerDisplayAttribute : Attribute
    {
        public DebuggerDisplayAttribute(string value) { throw null; }
        public string Name { get { throw null; } set { } }
        public Type Target { get { throw null; } set { } }
        public string TargetTypeName { get { throw null; } set { } }
        public string Type { get { throw null; } set { } }
        public string Value { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class DebuggerHiddenAttribute : Attribute
    {
        public DebuggerHiddenAttribute() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class DebuggerNonUserCodeAttribute : Attribute
    {
        public DebuggerNonUserCodeAttribute() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
    public sealed class DebuggerStepThroughAttribute : Attribute
    {
        public DebuggerStepThroughAttribute() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
    public sealed class DebuggerStepperBoundaryAttribute : Attribute
    {
        public DebuggerStepperBoundaryAttribute() { throw null; }
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
    public sealed class DebuggerTypeProxyAttribute : Attribute
    {
        public DebuggerTypeProxyAttribute(string typeName) { throw null; }
        public DebuggerTypeProxyAttribute(Type type) { throw null; }
        public string ProxyTypeName { get { throw null; } }
        public Type Target { get { throw null; } set { } }
        public string TargetTypeName { get { throw null; } set { } }
    }

    [AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
    public sealed class NativeProfiledAttribute : Attribute
    {
        public NativeProfiledAttribute() { throw null; }
    }
}
