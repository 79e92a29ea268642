using System;
using System.IO;

namespace Edge.NanoFrameworkGate.Tests
{
    /// <summary>Files of this repository, found from the test's output folder upwards.</summary>
    internal static class RepositoryFiles
    {
        public static string Root
        {
            get
            {
                DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
                while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
                {
                    directory = directory.Parent;
                }

                if (directory == null)
                {
                    throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
                }

                return directory.FullName;
            }
        }

        public static string PathOf(params string[] parts)
        {
            return Path.Combine(Root, Path.Combine(parts));
        }
    }
}
