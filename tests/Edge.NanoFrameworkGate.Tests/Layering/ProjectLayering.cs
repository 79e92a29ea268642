using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Edge.NanoFrameworkGate.Tests.Layering
{
    /// <summary>
    /// The rules between projects, from their project files: the core (three assemblies, because
    /// nanoFramework addresses an assembly's byte code with 16 bits) references nothing but mscorlib,
    /// System.Math and its own assemblies, and its control part (Edge.Core) none of the other two; the
    /// physics model knows nothing of the core; firmware and simulator do not reference each other,
    /// except that the simulator runs the core. Project references are followed transitively, so a
    /// detour through a third project is caught too.
    /// </summary>
    public static class ProjectLayering
    {
        /// <summary>The control part of the core: it references no other project.</summary>
        public const string CoreFolder = "firmware/Edge.Core/";

        /// <summary>Every folder of the core, one per assembly: the control part, then the parts built on it.</summary>
        public static readonly string[] CoreFolders = { CoreFolder, "firmware/Edge.Core.Boards/", "firmware/Edge.Core.Messaging/" };

        public const string PhysicsFolder = "hostsim/Edge.HostSim.Physics/";
        public const string FirmwareFolder = "firmware/";
        public const string SimulatorFolder = "hostsim/";

        /// <summary>One line per broken rule; empty when all hold.</summary>
        public static IReadOnlyList<string> Check(IEnumerable<ProjectFile> projects)
        {
            ProjectFile[] all = projects.ToArray();
            var direct = all.ToDictionary(p => p.Path, p => ProjectReferences(p).ToArray(), StringComparer.Ordinal);
            var violations = new List<string>();

            foreach (ProjectFile project in all)
            {
                string path = project.Path;
                if (IsCore(path))
                {
                    violations.AddRange(CoreReferences(project));
                }

                foreach (string target in Closure(path, direct))
                {
                    if (path.StartsWith(PhysicsFolder, StringComparison.Ordinal) && IsCore(target))
                    {
                        violations.Add(path + " references the core (" + target + "): the physics model must not know the controller");
                    }

                    if (path.StartsWith(FirmwareFolder, StringComparison.Ordinal) && target.StartsWith(SimulatorFolder, StringComparison.Ordinal))
                    {
                        violations.Add(path + " references the simulator project " + target);
                    }

                    if (path.StartsWith(SimulatorFolder, StringComparison.Ordinal) && target.StartsWith(FirmwareFolder, StringComparison.Ordinal)
                        && !IsCore(target))
                    {
                        violations.Add(path + " references the firmware project " + target + " (the simulator may reference the core only)");
                    }
                }
            }

            return violations;
        }

        /// <summary>Whether a repository-relative project path lies in one of the core's folders.</summary>
        public static bool IsCore(string path)
        {
            return CoreFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal));
        }

        /// <summary>Repository-relative paths of the projects a project file references directly.</summary>
        public static IEnumerable<string> ProjectReferences(ProjectFile project)
        {
            string folder = project.Path.Contains('/') ? project.Path.Substring(0, project.Path.LastIndexOf('/') + 1) : string.Empty;
            foreach (XElement reference in Elements(project, "ProjectReference"))
            {
                string include = (string)reference.Attribute("Include");
                if (include != null)
                {
                    yield return Normalise(folder + include.Replace('\\', '/'));
                }
            }
        }

        private static IEnumerable<string> CoreReferences(ProjectFile project)
        {
            bool controlPart = project.Path.StartsWith(CoreFolder, StringComparison.Ordinal);
            string[] targets = ProjectReferences(project).ToArray();
            foreach (string target in targets)
            {
                if (controlPart)
                {
                    yield return project.Path + " references " + target + ": the core's control part (Edge.Core) references no project";
                }
                else if (!target.StartsWith(CoreFolder, StringComparison.Ordinal))
                {
                    yield return project.Path + " references " + target + ": a part of the core references the control part (Edge.Core) only";
                }
            }

            foreach (XElement reference in Elements(project, "PackageReference"))
            {
                yield return project.Path + " references " + (string)reference.Attribute("Include") + ": the core references no package";
            }

            foreach (XElement reference in Elements(project, "Reference"))
            {
                string name = (string)reference.Attribute("Include");
                if (!CoreLayering.AllowedAssemblies.Contains(name))
                {
                    yield return project.Path + " references assembly " + name + ": the core may use mscorlib and System.Math only";
                }
            }
        }

        private static IEnumerable<XElement> Elements(ProjectFile project, string name)
        {
            return XDocument.Parse(project.Xml).Descendants().Where(e => e.Name.LocalName == name);
        }

        private static IEnumerable<string> Closure(string start, Dictionary<string, string[]> direct)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>();
            pending.Push(start);
            while (pending.Count > 0)
            {
                string current = pending.Pop();
                if (!direct.TryGetValue(current, out string[] targets))
                {
                    continue;
                }

                foreach (string target in targets)
                {
                    if (seen.Add(target))
                    {
                        pending.Push(target);
                    }
                }
            }

            return seen;
        }

        /// <summary>Resolves "." and ".." segments of a repository-relative path.</summary>
        private static string Normalise(string path)
        {
            var parts = new List<string>();
            foreach (string part in path.Split('/'))
            {
                if (part == "..")
                {
                    if (parts.Count == 0)
                    {
                        throw new ArgumentException("Project path leaves the repository: " + path);
                    }

                    parts.RemoveAt(parts.Count - 1);
                }
                else if (part.Length > 0 && part != ".")
                {
                    parts.Add(part);
                }
            }

            return string.Join("/", parts);
        }
    }
}
