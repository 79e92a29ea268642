// Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Edge.HostSim.Cli.Terminal;

namespace Edge.HostSim.Cli.Arguments;

/// <summary>Options shared by several verbs, built the same way everywhere.</summary>
public static class CommonOptions
{
    public static Option<string> Out(string description) => new Option<string>("--out", "-o")
    {
        Description = description,
        HelpName = "DIR",
        Required = true,
    };

    public static Option<bool> Quiet() => new Option<bool>("--quiet", "-q")
    {
        Description = "No progress on stderr (same as --progress none).",
    };

    public static Option<ProgressMode> Progress()
    {
        Option<ProgressMode> option = new Option<ProgressMode>("--progress")
        {
            // No default factory: help would print the enum's name, "Auto"; an absent option reads as Auto, the first.
            Description = "How progress shows on stderr: auto (the default: one updating line on a terminal, plain lines otherwise), live, plain or none.",
            HelpName = "auto|live|plain|none",
        };
        option.CustomParser = result => Enum<ProgressMode>(result, "--progress");
        option.CompletionSources.Clear();
        option.CompletionSources.Add("auto", "live", "plain", "none");
        return option;
    }

    /// <summary>--parallel / -j: how many of <paramref name="what"/> ("variants", "corpus scenarios") run at once.</summary>
    public static Option<int> Parallel(string what) => new Option<int>("--parallel", "-j")
    {
        Description = char.ToUpperInvariant(what[0]) + what.Substring(1) + " run at once (default: one per core).",
        HelpName = "N",
        CustomParser = result => PositiveInt(result, "--parallel", 1, 1024),
    };

    public static ProgressMode ProgressOf(ParseResult result, Option<ProgressMode> progress, Option<bool> quiet) =>
        result.GetValue(quiet) ? ProgressMode.None : result.GetValue(progress);

    internal static int PositiveInt(ArgumentResult result, string option, int minimum, int maximum)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
        {
            result.AddError(option + ": '" + text + "' is not a whole number from " + minimum + " to " + maximum);
            return 0;
        }

        return value;
    }

    /// <summary>
    /// A decimal number written with '.', as the options document it. The parser's default also took a thousands
    /// separator, so a decimal comma was read as one: `--area 1,2` replayed 12 cm2 without a word and `--cutoff 2,5`
    /// was refused as 25.
    /// </summary>
    internal static double? Number(ArgumentResult result, string option)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result.AddError(option + ": '" + text + "' is not a number" + (text.Contains(',') ? " (use '.' for decimals)" : string.Empty));
            return null;
        }

        if (!double.IsFinite(value))
        {
            result.AddError(option + ": '" + text + "' is not a finite number");
            return null;
        }

        return value;
    }

    private static T Enum<T>(ArgumentResult result, string option)
        where T : struct, System.Enum
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        foreach (T value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError(option + ": '" + text + "' is not one of " + string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));
        return default;
    }
}
