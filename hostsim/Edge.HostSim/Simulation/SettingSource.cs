// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// Where one of a replay's settings came from: the user's option, the replay's default for an option not given, the
/// --scenario file, or the recording itself. A replay's outputs state it beside the value, so a default or an inference
/// is not read as a measured or stated figure.
/// </summary>
public enum SettingSource
{
    /// <summary>Given with its command-line option.</summary>
    Option,

    /// <summary>The replay's default: its option was not given and no --scenario file gives it.</summary>
    Default,

    /// <summary>The --scenario file's.</summary>
    Scenario,

    /// <summary>The scenario's default: the --scenario file leaves the field out.</summary>
    ScenarioDefault,

    /// <summary>Inferred from the recording (the protocol, from its current steps).</summary>
    Inferred,

    /// <summary>Stated by the recording's header (a BioLogic export's electrode surface area), no option or scenario giving it.</summary>
    Recording,
}
