// Licensed under the MIT License.

using Edge.Core.Records;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The events a run counted but did not keep (past <see cref="RunOptions.MaximumEvents"/>), by severity and by kind:
/// with the kept ones, every event of the run. A count of the kept list alone says nothing of a long run's later
/// warnings and faults. Counted in arrays made once, so dropping allocates nothing.
/// </summary>
public sealed class DroppedEventCounts
{
    // Both enums are bytes.
    private readonly long[] _bySeverity = new long[256];
    private readonly long[] _byKind = new long[256];

    public void Add(Severity severity, EventKind kind)
    {
        _bySeverity[(byte)severity]++;
        _byKind[(byte)kind]++;
    }

    public long OfSeverity(Severity severity) => _bySeverity[(byte)severity];

    public long OfKind(EventKind kind) => _byKind[(byte)kind];
}
