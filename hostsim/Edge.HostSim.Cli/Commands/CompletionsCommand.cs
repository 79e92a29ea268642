// Licensed under the MIT License.

using System.CommandLine;

namespace Edge.HostSim.Cli.Commands;

/// <summary>
/// edge-sim completions bash|zsh: prints a shell function that asks edge-sim itself for completions through
/// System.CommandLine's [suggest] directive, so verbs, options and their values complete as defined here.
/// </summary>
public static class CompletionsCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> shell = new Argument<string>("shell") { Description = "bash or zsh.", HelpName = "bash|zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        Command command = new Command("completions", "Print a tab-completion script: eval \"$(edge-sim completions bash)\" in ~/.bashrc (or zsh in ~/.zshrc).") { shell };
        command.SetAction(result =>
        {
            context.Console.Out.Write(result.GetRequiredValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Ok;
        });
        return command;
    }

    private const string Bash = """
        # edge-sim tab completion (bash): the candidates come from edge-sim's own [suggest] directive.
        _edge_sim_complete()
        {
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _edge_sim_complete edge-sim

        """;

    private const string Zsh = """
        # edge-sim tab completion (zsh): the candidates come from edge-sim's own [suggest] directive.
        _edge_sim_complete()
        {
            local -a candidates
            candidates=(${(f)"$(${words[1]} "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)"})
            compadd -- $candidates
        }
        compdef _edge_sim_complete edge-sim

        """;
}
