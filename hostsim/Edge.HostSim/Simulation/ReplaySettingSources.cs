// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// Where each of a replay's settings came from (summary.json's settingSources, report.html's facts): the electrode
/// area, the cell kind and the cut-off are the option's, the default's or the --scenario file's (the area also a BioLogic
/// export header's, <see cref="SettingSource.Recording"/>); the tick is the option's,
/// the default's or the scenario's; the protocol (its steps and rest) is the scenario's or inferred from the recorded
/// current steps.
/// </summary>
public sealed class ReplaySettingSources
{
    public SettingSource AreaCm2 { get; init; }

    public SettingSource Preset { get; init; }

    public SettingSource CutoffV { get; init; }

    public SettingSource SamplePeriodMs { get; init; }

    /// <summary>The protocol's steps and rest: <see cref="SettingSource.Scenario"/> or <see cref="SettingSource.Inferred"/>.</summary>
    public SettingSource Protocol { get; init; }
}
