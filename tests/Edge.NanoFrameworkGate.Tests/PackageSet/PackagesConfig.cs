using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Edge.NanoFrameworkGate.Tests.PackageSet
{
    /// <summary>A packages.config: package id to the version it pins (as the nanoFramework project system restores it).</summary>
    public sealed class PackagesConfig
    {
        private PackagesConfig(string name, IReadOnlyDictionary<string, Version> versions)
        {
            Name = name;
            Versions = versions;
        }

        /// <summary>Where it came from, for messages.</summary>
        public string Name { get; }

        public IReadOnlyDictionary<string, Version> Versions { get; }

        public static PackagesConfig Parse(string name, string xml)
        {
            var versions = XDocument.Parse(xml).Root.Elements("package")
                .ToDictionary(p => (string)p.Attribute("id"), p => Version.Parse((string)p.Attribute("version")), StringComparer.Ordinal);
            return new PackagesConfig(name, versions);
        }
    }
}
