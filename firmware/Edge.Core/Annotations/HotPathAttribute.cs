// Licensed under the MIT License.

using System;

namespace Edge.Core.Annotations
{
    /// <summary>
    /// Marks code that runs every tick or for every published message: on the device it must
    /// allocate nothing in steady state. nanoCLR creates a new string object on every string literal
    /// load and a new object for every concatenation, interpolation, boxing, ToString or <c>new</c>,
    /// and its garbage collector stops every thread, the sampling thread included. On a type it
    /// covers every method and accessor of the type (constructors excepted, they run at set-up).
    /// The nanoFramework gate's analyzer (rule EDGENF016) rejects those constructs in marked code,
    /// except on error paths (inside <c>throw</c> or <c>catch</c>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class HotPathAttribute : Attribute
    {
    }
}
