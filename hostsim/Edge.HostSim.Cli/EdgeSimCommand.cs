// Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli.Commands;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Cli;

/// <summary>
/// The edge-sim command tree (System.CommandLine) and how a command line becomes an exit code: help and
/// version print and exit 0; any parse or validation problem prints one line naming the argument and
/// exits 2 before any work; failures while running exit 1 with one line, no stack trace.
/// </summary>
public static class EdgeSimCommand
{
    public static RootCommand Create(CliContext context)
    {
        RootCommand root = new RootCommand("edge-sim: the Edge control core in closed loop against simulated cells (hostsim/README.md).")
        {
            RunCommand.Create(context),
            SweepCommand.Create(context),
            StudyCommand.Create(context),
            MergeCommand.Create(context),
            ReplayCommand.Create(context),
            CorpusCommand.Create(context),
            ScoreCommand.Create(context),
            BoardCommand.Create(context),
            CompletionsCommand.Create(context),
        };
        return root;
    }

    public static int Invoke(string[] args, CliContext context)
    {
        RootCommand root = Create(context);
        ParseResult parse = root.Parse(args);
        string verb = parse.CommandResult.Command == root ? "edge-sim" : "edge-sim " + parse.CommandResult.Command.Name;
        TextWriter error = context.Console.Error;

        if (parse.Tokens.Any(t => t.Type == TokenType.Directive))
        {
            // [suggest:N] for tab completion (CompletionsCommand) and [diagram]: System.CommandLine answers.
            return parse.Invoke(new InvocationConfiguration { Output = context.Console.Out, Error = error });
        }

        // "edge-sim fly --help" must not print the general help as if all were well.
        if (parse.CommandResult.Command == root && parse.UnmatchedTokens.Count > 0)
        {
            string word = parse.UnmatchedTokens[0];
            error.WriteLine("edge-sim: " + (word.StartsWith('-') ? "unknown option '" + word + "'" : "unknown command '" + word + "'") + " (commands: " + string.Join(", ", root.Subcommands.Select(c => c.Name)) + "; see edge-sim --help)");
            return ExitCodes.Usage;
        }

        if (OptionMissingItsValue(parse) is string missing)
        {
            error.WriteLine(verb + ": " + missing + " (see " + verb + " --help)");
            return ExitCodes.Usage;
        }

        if (parse.Action is HelpAction)
        {
            StringWriter help = new StringWriter();
            int code = parse.Invoke(new InvocationConfiguration { Output = help, Error = error });
            context.Console.Out.Write(MarkOptionalValues(help.ToString(), parse.CommandResult.Command));
            return code;
        }

        if (parse.Errors.Count > 0 && (parse.Action == null || !parse.Action.ClearsParseErrors))
        {
            // A mistyped option explains the rest ("--out is required" after "--ot x"), so it comes first.
            ParseError first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized command or argument '-", StringComparison.Ordinal))
                ?? parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
                ?? parse.Errors[0];
            error.WriteLine(verb + ": " + Explain(first, parse) + " (see " + verb + " --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Console.Out,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            error.WriteLine(verb + ": " + e.Message);
            return ExitCodes.Usage;
        }
        catch (ScenarioException e)
        {
            error.WriteLine(verb + ": invalid scenario: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Edge.HostSim.Studies.StudyException e)
        {
            error.WriteLine(verb + ": " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Edge.HostSim.Scoring.Corpus.CorpusException e)
        {
            error.WriteLine(verb + ": invalid corpus: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (InputFileException e)
        {
            error.WriteLine(verb + ": " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            error.WriteLine(verb + ": failed to write or read a file: " + e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            error.WriteLine(verb + ": failed: " + e.GetType().Name + ": " + e.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Help shows an option whose value may be left out (run --realtime) as "--realtime [&lt;factor&gt;]", as the usage
    /// line shows an optional argument: System.CommandLine writes "&lt;factor&gt;" whatever the arity, which reads as a
    /// value that must follow. The description column stays aligned where the padding allows.
    /// </summary>
    internal static string MarkOptionalValues(string help, Command command)
    {
        foreach (Option option in command.Options)
        {
            if (option.Arity.MinimumNumberOfValues != 0 || option.Arity.MaximumNumberOfValues != 1 || option.ValueType == typeof(bool) || option.HelpName == null)
            {
                continue;
            }

            string pattern = "(?m)^(\\s+(?:\\S+, )*" + Regex.Escape(option.Name) + ") <" + Regex.Escape(option.HelpName) + ">( *)";
            help = Regex.Replace(help, pattern, m => m.Groups[1].Value + " [<" + option.HelpName + ">]" + (m.Groups[2].Length >= 4 ? m.Groups[2].Value.Substring(2) : m.Groups[2].Value));
        }

        return help;
    }

    /// <summary>
    /// An unknown "--option" lands in a positional argument (System.CommandLine takes it as a value); say what it is.
    /// </summary>
    public static void RejectOptionLikeValues(Argument argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                {
                    result.AddError("Unrecognized command or argument '" + token.Value + "'.");
                }
            }
        });
    }

    /// <summary>
    /// An option that takes a value, followed by another option instead: System.CommandLine takes that option as the
    /// value and its own value as one too many, so `replay FILE --area --out q` said "'q' is one argument too many", and
    /// `run --out --quiet` wrote a folder named "--quiet". The message names the option left without its value.
    /// </summary>
    private static string? OptionMissingItsValue(ParseResult parse)
    {
        Dictionary<string, Option> options = new Dictionary<string, Option>(StringComparer.Ordinal);
        for (SymbolResult? scope = parse.CommandResult; scope != null; scope = scope.Parent)
        {
            if (scope is CommandResult command)
            {
                foreach (Option option in command.Command.Options)
                {
                    if (scope == parse.CommandResult || option.Recursive)
                    {
                        options.TryAdd(option.Name, option);
                        foreach (string alias in option.Aliases)
                        {
                            options.TryAdd(alias, option);
                        }
                    }
                }
            }
        }

        IReadOnlyList<Token> tokens = parse.Tokens;
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            Token next = tokens[i + 1];
            if (tokens[i].Type == TokenType.Option && next.Type == TokenType.Argument
                && options.TryGetValue(tokens[i].Value, out Option? taking) && taking.Arity.MinimumNumberOfValues > 0
                && options.ContainsKey(next.Value))
            {
                return tokens[i].Value + ": needs a value (got the option " + next.Value + ")";
            }
        }

        return null;
    }

    /// <summary>System.CommandLine's messages, reworded where they are not in the user's terms.</summary>
    private static string Explain(ParseError parseError, ParseResult parse)
    {
        string message = parseError.Message;
        Match match = Regex.Match(message, "^Unrecognized command or argument '(.*)'\\.$");
        if (match.Success)
        {
            string word = match.Groups[1].Value;
            if (word.StartsWith('-'))
            {
                return "unknown option '" + word + "'";
            }

            return parse.CommandResult.Command.Arguments.Count > 0
                ? "'" + word + "' is one argument too many (" + parse.CommandResult.Command.Name + " takes " + string.Join(" ", parse.CommandResult.Command.Arguments.Select(a => a.HelpName ?? a.Name)) + ")"
                : "unexpected '" + word + "'";
        }

        if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
        {
            return "missing command (commands: " + string.Join(", ", parse.CommandResult.Command.Subcommands.Select(c => c.Name)) + ")";
        }

        match = Regex.Match(message, "^Option '(.*)' is required\\.$");
        if (match.Success)
        {
            Option? option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == match.Groups[1].Value);
            return match.Groups[1].Value + " " + (option?.HelpName ?? "VALUE") + " is required";
        }

        match = Regex.Match(message, "^Required argument missing for option: '(.*)'\\.$");
        if (match.Success)
        {
            return match.Groups[1].Value + ": needs a value (nothing follows it)";
        }

        match = Regex.Match(message, "^Required argument missing for command: '(.*)'\\.$");
        if (match.Success)
        {
            return "missing " + string.Join(" ", parse.CommandResult.Command.Arguments.Select(a => a.HelpName ?? a.Name));
        }

        return message.TrimEnd('.');
    }
}
