using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Edge.NanoFrameworkGate.Tests.PackageSet
{
    /// <summary>
    /// The table of firmware/packages.dependencies.md: rows "| package | pinned | assemblies |
    /// declared dependencies | source |", dependencies as "id version" separated by ';' or "(none)".
    /// </summary>
    public sealed class PackageDependencyTable
    {
        private readonly Dictionary<string, DeclaredPackage> _packages;

        private PackageDependencyTable(Dictionary<string, DeclaredPackage> packages)
        {
            _packages = packages;
        }

        public IEnumerable<DeclaredPackage> Packages => _packages.Values;

        public static PackageDependencyTable Load()
        {
            return Parse(File.ReadAllText(RepositoryFiles.PathOf("firmware", "packages.dependencies.md")));
        }

        public static PackageDependencyTable Parse(string markdown)
        {
            var packages = new Dictionary<string, DeclaredPackage>(StringComparer.Ordinal);
            foreach (string line in markdown.Split('\n').Select(l => l.Trim()))
            {
                if (!line.StartsWith("| nanoFramework.", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length != 5)
                {
                    throw new FormatException("expected 5 cells in: " + line);
                }

                var dependencies = new Dictionary<string, Version>(StringComparer.Ordinal);
                if (cells[3] != "(none)")
                {
                    foreach (string dependency in cells[3].Split(';').Select(d => d.Trim()))
                    {
                        string[] parts = dependency.Split(' ');
                        if (parts.Length != 2)
                        {
                            throw new FormatException("dependency '" + dependency + "' is not 'id version' in: " + line);
                        }

                        dependencies.Add(parts[0], Version.Parse(parts[1]));
                    }
                }

                string[] assemblies = cells[2].Split(',').Select(a => a.Trim()).ToArray();
                packages.Add(cells[0], new DeclaredPackage(cells[0], Version.Parse(cells[1]), assemblies, dependencies));
            }

            return new PackageDependencyTable(packages);
        }

        public DeclaredPackage Find(string id)
        {
            return _packages.TryGetValue(id, out DeclaredPackage package) ? package : null;
        }

        /// <summary>The package that ships <paramref name="assembly"/>, or null.</summary>
        public DeclaredPackage OwnerOf(string assembly)
        {
            return _packages.Values.FirstOrDefault(p => p.Assemblies.Contains(assembly, StringComparer.Ordinal));
        }
    }
}
