// Licensed under the MIT License.

using Edge.HostSim.Faults;

namespace Edge.HostSim.Scenarios;

/// <summary>One simulation run as a scenario file describes it (validated by <see cref="ScenarioLoader"/>).</summary>
public sealed class Scenario
{
    public string Name { get; set; } = "scenario";

    /// <summary>Seed of every random stream (spread, noise, intermittent faults).</summary>
    public ulong Seed { get; set; } = 1;

    public int SamplePeriodMs { get; set; } = 10;

    /// <summary>True when the scenario file gave samplePeriodMs; without it a board file's sample_period_ms is taken.</summary>
    public bool SamplePeriodGiven { get; set; }

    /// <summary>The run stops here at the latest (simulated seconds).</summary>
    public double TimeLimitS { get; set; }

    public PackSpec Pack { get; set; } = new PackSpec();

    public ProtocolSpec Protocol { get; set; } = new ProtocolSpec();

    public ControllerSpec Controller { get; set; } = new ControllerSpec();

    public MeasurementSpec Measurement { get; set; } = new MeasurementSpec();

    public TraceSpec Trace { get; set; } = new TraceSpec();

    public List<FaultSpec> Faults { get; set; } = new List<FaultSpec>();

    /// <summary>
    /// The path of every field the scenario's JSON gives ("protocol.minRestS", "faults[0].durationS"): a field left at
    /// its default and one written with the default's value read alike in the model, and only a written one can be
    /// one the designer expected to act (<see cref="FieldsWithoutEffect"/>).
    /// </summary>
    public IReadOnlySet<string> GivenFields { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Deep copy, for sweep variants.</summary>
    public Scenario Clone()
    {
        Scenario copy = (Scenario)MemberwiseClone();
        copy.Pack = Pack.Clone();
        copy.Protocol = Protocol.Clone();
        copy.Controller = (ControllerSpec)Controller.Clone();
        copy.Measurement = Measurement.Clone();
        copy.Trace = Trace.Clone();
        copy.Faults = new List<FaultSpec>(Faults);
        return copy;
    }
}
