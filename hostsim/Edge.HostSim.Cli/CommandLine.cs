using System.Globalization;

namespace Edge.HostSim.Cli;

/// <summary>Parsed command line: the command, positional arguments and --options (hand-rolled, no package).</summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> s_flags = new(StringComparer.Ordinal) { "--quiet", "--help", "-h", "--dashboard" };
    private static readonly HashSet<string> s_valued = new(StringComparer.Ordinal) { "--out", "--rest", "--parallel", "--mqtt", "--mqtt-user", "--mqtt-password", "--mqtt-ca", "--device-id", "--dashboard-dir", "--spec", "--seed", "--runs", "--family" };

    public string Command { get; private set; } = string.Empty;

    public List<string> Positional { get; } = new();

    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>--realtime with its optional factor; null when absent.</summary>
    public double? Realtime { get; private set; }

    public static CommandLine Parse(string[] args)
    {
        CommandLine line = new CommandLine();
        if (args.Length == 0)
        {
            throw new UsageException("missing command (run, sweep, corpus or score)");
        }

        line.Command = args[0];
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--realtime")
            {
                line.Realtime = 1;
                if (i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double factor))
                {
                    if (!(factor > 0))
                    {
                        throw new UsageException("--realtime factor must be greater than 0");
                    }

                    line.Realtime = factor;
                    i++;
                }
            }
            else if (s_flags.Contains(arg))
            {
                line.Options[arg] = "true";
            }
            else if (s_valued.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException(arg + " needs a value");
                }

                line.Options[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('='))
            {
                int eq = arg.IndexOf('=');
                string name = arg.Substring(0, eq);
                if (!s_valued.Contains(name))
                {
                    throw new UsageException("unknown option " + name);
                }

                line.Options[name] = arg.Substring(eq + 1);
            }
            else if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1)
            {
                throw new UsageException("unknown option " + arg);
            }
            else
            {
                line.Positional.Add(arg);
            }
        }

        return line;
    }

    public string? Option(string name) => Options.TryGetValue(name, out string? value) ? value : null;

    public bool Flag(string name) => Options.ContainsKey(name);
}
