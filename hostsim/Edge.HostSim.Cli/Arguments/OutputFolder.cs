// Licensed under the MIT License.

namespace Edge.HostSim.Cli.Arguments;

/// <summary>
/// Checks up front that an output folder can be written, so that a long run does not end in an error
/// after all the work: the path must not be a file or lie under one, and the folder (or the nearest
/// existing folder above it, where it will be created) must accept a new file. A folder whose owner
/// has no write permission counts as read-only even for root, who could write there anyway.
/// </summary>
public static class OutputFolder
{
    /// <summary>Null when <paramref name="path"/> can hold the outputs, else the problem in the user's terms.</summary>
    public static string? Problem(string path)
    {
        if (path.Trim().Length == 0)
        {
            return "the folder name is empty";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
        {
            return "'" + path + "' is not a usable path (" + e.Message + ")";
        }

        if (File.Exists(full))
        {
            return "'" + path + "' is a file, not a folder";
        }

        string existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return "'" + path + "' lies under '" + existing + "', which is a file";
            }

            string? parent = Path.GetDirectoryName(existing);
            if (parent == null)
            {
                return "'" + path + "' has no existing folder above it";
            }

            existing = parent;
        }

        if (IsVirtualFileSystem(existing))
        {
            return "'" + path + "' is in " + existing + ", a kernel file system that cannot hold files";
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(existing) & UnixFileMode.UserWrite) == 0)
        {
            return "the folder '" + existing + "' is read-only";
        }

        string probe = Path.Combine(existing, ".edge-sim-write-check-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return "cannot write in '" + existing + "' (" + e.Message + ")";
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Nothing was created.
            }
        }
    }

    /// <summary>Throws a <see cref="UsageException"/> naming the option when the folder cannot be written.</summary>
    public static void Check(string path, string option)
    {
        string? problem = Problem(path);
        if (problem != null)
        {
            throw new UsageException(option + ": " + problem);
        }
    }

    /// <summary>
    /// Throws a <see cref="UsageException"/> naming the option when <paramref name="input"/> lies in the output folder
    /// under one of the names the outputs are written to: the input would be written over (a run's trace.csv replayed
    /// into its own folder was lost).
    /// </summary>
    public static void CheckKeeps(string path, string option, string input, string inputRole, IEnumerable<string> outputNames)
    {
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string inputFull = Path.GetFullPath(input);
        if (Path.GetDirectoryName(inputFull) == folder && outputNames.Contains(Path.GetFileName(inputFull), StringComparer.Ordinal))
        {
            throw new UsageException(option + ": the outputs would write over " + inputRole + " '" + input + "' (" + Path.GetFileName(inputFull) + " is one of them); give another folder");
        }
    }

    private static bool IsVirtualFileSystem(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        foreach (string root in new[] { "/proc", "/sys" })
        {
            if (folder == root || folder.StartsWith(root + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
