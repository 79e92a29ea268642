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
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.Reflection
{
    public class Assembly
    {
        public Assembly() { throw null; }
        public virtual string FullName { get { throw null; } }
        public static Assembly GetAssembly(Type type) { throw null; }
        public static Assembly GetExecutingAssembly() { throw null; }
        public AssemblyName GetName() { throw null; }
        public Assembly GetSatelliteAssembly(CultureInfo culture) { throw null; }
        public virtual Type GetType(string name) { throw null; }
        public virtual Type GetType(string name, bool throwOnError) { throw null; }
        public virtual Type[] GetTypes() { throw null; }
        public static Assembly Load(byte[] rawAssembly) { throw null; }
        public static Assembly Load(string assemblyString) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyCompanyAttribute : Attribute
    {
        public AssemblyCompanyAttribute(string company) { throw null; }
        public string Company { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyConfigurationAttribute : Attribute
    {
        public AssemblyConfigurationAttribute(string configuration) { throw null; }
        public string Configuration { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyCopyrightAttribute : Attribute
    {
        public AssemblyCopyrightAttribute(string copyright) { throw null; }
        public string Copyright { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyCultureAttribute : Attribute
    {
        public AssemblyCultureAttribute(string culture) { throw null; }
        public string Culture { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyDefaultAliasAttribute : Attribute
    {
        public AssemblyDefaultAliasAttribute(string defaultAlias) { throw null; }
        public string DefaultAlias { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyDelaySignAttribute : Attribute
    {
        public AssemblyDelaySignAttribute(bool delaySign) { throw null; }
        public bool DelaySign { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyDescriptionAttribute : Attribute
    {
        public AssemblyDescriptionAttribute(string description) { throw null; }
        public string Description { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyFileVersionAttribute : Attribute
    {
        public AssemblyFileVersionAttribute(string version) { throw null; }
        public string Version { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyFlagsAttribute : Attribute
    {
        public AssemblyFlagsAttribute(AssemblyNameFlags assemblyFlags) { throw null; }
        public AssemblyFlagsAttribute(uint flags) { throw null; }
        public uint Flags { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyInformationalVersionAttribute : Attribute
    {
        public AssemblyInformationalVersionAttribute(string informationalVersion) { throw null; }
        public string InformationalVersion { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyKeyFileAttribute : Attribute
    {
        public AssemblyKeyFileAttribute(string keyFile) { throw null; }
        public string KeyFile { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyKeyNameAttribute : Attribute
    {
        public AssemblyKeyNameAttribute(string keyName) { throw null; }
        public string KeyName { get { throw null; } }
    }

    public sealed class AssemblyName
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal AssemblyName() { }
        public string FullName { get { throw null; } }
        public string Name { get { throw null; } }
        public Version Version { get { throw null; } }
    }

    [Flags]
    public enum AssemblyNameFlags
    {
        None = 0,
        PublicKey = 1,
        EnableJITcompileOptimizer = 16384,
        EnableJITcompileTracking = 32768,
        Retargetable = 256,
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, Inherited = false)]
    public sealed class AssemblyNativeVersionAttribute : Attribute
    {
        public AssemblyNativeVersionAttribute(string version) { throw null; }
        public string NativeVersion { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyProductAttribute : Attribute
    {
        public AssemblyProductAttribute(string product) { throw null; }
        public string Product { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyTitleAttribute : Attribute
    {
        public AssemblyTitleAttribute(string title) { throw null; }
        public string Title { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyTrademarkAttribute : Attribute
    {
        public AssemblyTrademarkAttribute(string trademark) { throw null; }
        public string Trademark { get { throw null; } }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class AssemblyVersionAttribute : Attribute
    {
        public AssemblyVersionAttribute(string version) { throw null; }
        public string Version { get { throw null; } }
    }

    public abstract class Binder
    {
        protected Binder() { throw null; }
    }

    [Flags]
    public enum BindingFlags
    {
        Default = 0,
        IgnoreCase = 1,
        DeclaredOnly = 2,
        Instance = 4,
        Static = 8,
        Public = 16,
        NonPublic = 32,
        FlattenHierarchy = 64,
        InvokeMethod = 256,
        CreateInstance = 512,
        GetField = 1024,
        SetField = 2048,
        GetProperty = 4096,
        SetProperty = 8192,
        PutDispProperty = 16384,
        PutRefDispProperty = 32768,
        ExactBinding = 65536,
        SuppressChangeType = 131072,
        OptionalParamBinding = 262144,
        IgnoreReturn = 16777216,
    }

    public abstract class ConstructorInfo : MethodBase
    {
        protected ConstructorInfo() { throw null; }
        public override MemberTypes MemberType { get { throw null; } }
        public override object[] GetCustomAttributes(bool inherit) { throw null; }
        public object Invoke(object[] parameters) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute
    {
        public DefaultMemberAttribute(string memberName) { throw null; }
        public string MemberName { get { throw null; } }
    }

    public abstract class FieldInfo : MemberInfo
    {
        protected FieldInfo() { throw null; }
        public abstract Type FieldType { get; }
        public override MemberTypes MemberType { get { throw null; } }
        public override object[] GetCustomAttributes(bool inherit) { throw null; }
        public abstract object GetValue(object obj);
        public virtual void SetValue(object obj, object value) { throw null; }
    }

    public interface IReflect
    {
        FieldInfo GetField(string name, BindingFlags bindingAttr);
        MethodInfo GetMethod(string name, BindingFlags bindingAttr);
    }

    public abstract class MemberInfo
    {
        protected MemberInfo() { throw null; }
        public abstract Type DeclaringType { get; }
        public abstract MemberTypes MemberType { get; }
        public abstract string Name { get; }
        public abstract object[] GetCustomAttributes(bool inherit);
    }

    public enum MemberTypes
    {
        Constructor = 1,
        Event = 2,
        Field = 4,
        Method = 8,
        Property = 16,
        TypeInfo = 32,
        Custom = 64,
        NestedType = 128,
        All = 191,
    }

    public abstract class MethodBase : MemberInfo
    {
        protected MethodBase() { throw null; }
        public override Type DeclaringType { get { throw null; } }
        public bool IsAbstract { get { throw null; } }
        public bool IsFinal { get { throw null; } }
        public bool IsPublic { get { throw null; } }
        public bool IsStatic { get { throw null; } }
        public bool IsVirtual { get { throw null; } }
        public override string Name { get { throw null; } }
        public abstract ParameterInfo[] GetParameters();
        public object Invoke(object obj, object[] parameters) { throw null; }
    }

    public enum MethodImplAttributes
    {
        CodeTypeMask = 3,
        IL = 0,
        Native = 1,
        OPTIL = 2,
        Runtime = 3,
        ManagedMask = 4,
        Unmanaged = 4,
        Managed = 0,
        ForwardRef = 16,
        PreserveSig = 128,
        InternalCall = 4096,
        Synchronized = 32,
        NoInlining = 8,
        MaxMethodImplVal = 65535,
    }

    public abstract class MethodInfo : MethodBase
    {
        protected MethodInfo() { throw null; }
        public override MemberTypes MemberType { get { throw null; } }
        public abstract Type ReturnType { get; }
    }

    public abstract class ParameterInfo
    {
        protected ParameterInfo() { throw null; }
        public virtual Type ParameterType { get { throw null; } }
    }

    public enum ProcessorArchitecture
    {
        None = 0,
        MSIL = 1,
        X86 = 2,
        IA64 = 3,
        Amd64 = 4,
    }

    public abstract class PropertyInfo : MemberInfo
    {
        protected PropertyInfo() { throw null; }
        public abstract Type PropertyType { get; }
        public virtual object GetValue(object obj, object[] index) { throw null; }
        public virtual void SetValue(object obj, object value, object[] index) { throw null; }
    }
}
