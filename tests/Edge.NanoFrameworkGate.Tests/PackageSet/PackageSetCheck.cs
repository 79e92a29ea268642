using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Edge.NanoFrameworkGate.Tests.PackageSet
{
    /// <summary>
    /// The rules that keep one consistent nanoFramework package set. Each method returns the
    /// violations as sentences naming the file, the package and the versions; none means it holds.
    /// </summary>
    public static class PackageSetCheck
    {
        private static readonly Regex s_hintPath = new Regex(@"packages\\(?<id>[A-Za-z.]+?)\.(?<version>\d+\.\d+\.\d+)\\lib\\", RegexOptions.Compiled);

        /// <summary>
        /// Every package of <paramref name="config"/> is in the table at its pinned version, and every
        /// dependency it declares is pinned in the same packages.config (the packages.config model
        /// lists the whole closure) at or above the declared minimum.
        /// </summary>
        public static IReadOnlyList<string> Dependencies(PackagesConfig config, PackageDependencyTable table)
        {
            var violations = new List<string>();
            foreach (KeyValuePair<string, Version> pin in config.Versions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                DeclaredPackage declared = table.Find(pin.Key);
                if (declared == null)
                {
                    violations.Add(config.Name + ": " + pin.Key + " " + pin.Value + " is not in the dependency table");
                    continue;
                }

                if (declared.Pinned != pin.Value)
                {
                    violations.Add(config.Name + ": " + pin.Key + " is pinned at " + pin.Value + ", the set pins " + declared.Pinned);
                }

                foreach (KeyValuePair<string, Version> dependency in declared.Dependencies)
                {
                    if (!config.Versions.TryGetValue(dependency.Key, out Version present))
                    {
                        violations.Add(config.Name + ": " + pin.Key + " " + pin.Value + " needs " + dependency.Key + " >= " + dependency.Value + ", which is missing");
                    }
                    else if (present < dependency.Value)
                    {
                        violations.Add(config.Name + ": " + pin.Key + " " + pin.Value + " needs " + dependency.Key + " >= " + dependency.Value + ", packages.config pins " + present);
                    }
                }
            }

            return violations;
        }

        /// <summary>Every package hint path of an .nfproj names the version its packages.config pins.</summary>
        public static IReadOnlyList<string> HintPaths(string projectName, string nfprojXml, PackagesConfig config)
        {
            var violations = new List<string>();
            foreach (Match match in s_hintPath.Matches(nfprojXml))
            {
                string id = match.Groups["id"].Value;
                Version version = Version.Parse(match.Groups["version"].Value);
                if (!config.Versions.TryGetValue(id, out Version pinned))
                {
                    violations.Add(projectName + ": references " + id + " " + version + ", which its packages.config does not list");
                }
                else if (pinned != version)
                {
                    violations.Add(projectName + ": references " + id + " " + version + ", its packages.config pins " + pinned);
                }
            }

            return violations;
        }
    }
}
