using System;
using System.Collections.Generic;

namespace Edge.NanoFrameworkGate.Tests.PackageSet
{
    /// <summary>One row of firmware/packages.dependencies.md: a package, its pinned version, its assemblies and the minimum versions its nuspec declares.</summary>
    public sealed class DeclaredPackage
    {
        public DeclaredPackage(string id, Version pinned, IReadOnlyList<string> assemblies, IReadOnlyDictionary<string, Version> dependencies)
        {
            Id = id;
            Pinned = pinned;
            Assemblies = assemblies;
            Dependencies = dependencies;
        }

        public string Id { get; }

        public Version Pinned { get; }

        public IReadOnlyList<string> Assemblies { get; }

        /// <summary>Dependency id to the minimum version the nuspec declares (NuGet's "version" attribute: that version or newer).</summary>
        public IReadOnlyDictionary<string, Version> Dependencies { get; }
    }
}
