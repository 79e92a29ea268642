// Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// The built edge-sim executable run as its own process, as a user runs it: real argument vector, real exit
/// code, stdout and stderr not a terminal, signals delivered by the kernel.
/// </summary>
public sealed class EdgeSimProcess : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly Lazy<bool> s_sigIntIgnored = new Lazy<bool>(IgnoresSigInt);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new StringBuilder();
    private readonly StringBuilder _stderr = new StringBuilder();
    private readonly Thread[] _readers;

    private EdgeSimProcess(string[] args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessStartInfo start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        _process = new Process { StartInfo = start };
        _process.Start();
        _process.StandardInput.Close();
        _readers = new[] { StartReader(_process.StandardOutput, _stdout), StartReader(_process.StandardError, _stderr) };
    }

    /// <summary>The apphost next to the tests (the CLI project is referenced, so the build copies it here).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "edge-sim.exe" : "edge-sim");

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static EdgeSimProcess Start(string? workingDirectory, params string[] args) => new EdgeSimProcess(args, workingDirectory);

    /// <summary>Starts it with <paramref name="environment"/> set over the tests' own (a PATH that puts a stand-in first).</summary>
    public static EdgeSimProcess StartWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) => new EdgeSimProcess(args, null, environment);

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the finished process.</summary>
    public static EdgeSimProcess Run(TimeSpan timeout, string? workingDirectory, params string[] args)
    {
        EdgeSimProcess process = new EdgeSimProcess(args, workingDirectory);
        process.WaitForExit(timeout);
        return process;
    }

    public static EdgeSimProcess Run(params string[] args) => Run(TimeSpan.FromSeconds(60), null, args);

    public void WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(true);
            throw new TimeoutException("edge-sim did not finish within " + timeout + "; stderr: " + Stderr);
        }

        DrainPipes();
    }

    /// <summary>Waits until stderr holds <paramref name="text"/>; false at the timeout or when the process ended first.</summary>
    public bool WaitForStderr(string text, TimeSpan timeout) => WaitForStderr(e => e.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Waits until stderr so far satisfies <paramref name="holds"/>; false at the timeout or when the process ended first.</summary>
    public bool WaitForStderr(Func<string, bool> holds, TimeSpan timeout)
    {
        Stopwatch wait = Stopwatch.StartNew();
        while (wait.Elapsed < timeout)
        {
            if (holds(Stderr))
            {
                return true;
            }

            if (_process.HasExited)
            {
                DrainPipes();
                return holds(Stderr);
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>
    /// What Ctrl-C in a terminal sends (SIGINT), or SIGTERM when the tests themselves run with SIGINT ignored, as a
    /// background job of a non-interactive shell does: the process inherits the ignored SIGINT, and .NET leaves an
    /// inherited ignored SIGINT ignored, so no Ctrl-C could reach it. The simulator takes both signals alike.
    /// </summary>
    public void Interrupt()
    {
        int signal = s_sigIntIgnored.Value ? SigTerm : SigInt;
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException("kill(" + signal + ") failed: " + Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Whether this process ignores SIGINT (the SigIgn mask of /proc/self/status), so its children do too.</summary>
    private static bool IgnoresSigInt()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                ulong mask = ulong.Parse(line.Substring("SigIgn:".Length).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                return (mask & (1UL << (SigInt - 1))) != 0;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// Reads one pipe line by line on a thread of its own. The process class's asynchronous readers run on the thread
    /// pool, which the whole suite keeps busy with blocking waits: a progress line then arrived tens of seconds late,
    /// and a test's Ctrl-C reached a run that had already finished (exit 0, not 130).
    /// </summary>
    private static Thread StartReader(StreamReader reader, StringBuilder builder)
    {
        Thread thread = new Thread(() =>
        {
            try
            {
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    Append(builder, line);
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException)
            {
                // The process was killed and disposed while this read: nothing more to keep.
            }
        })
        {
            IsBackground = true,
            Name = "edge-sim pipe reader",
        };
        thread.Start();
        return thread;
    }

    /// <summary>After the process ended: both pipes read to their end, so Stdout and Stderr hold everything it wrote.</summary>
    private void DrainPipes()
    {
        _process.WaitForExit();
        foreach (Thread reader in _readers)
        {
            reader.Join(TimeSpan.FromSeconds(30));
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line != null)
        {
            lock (builder)
            {
                builder.Append(line).Append('\n');
            }
        }
    }
}
