// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Edge.HostSim.Studies;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>A study.csv row counts every event of its variant's run, kept or only counted.</summary>
public sealed class StudyRowTests
{
    [Fact]
    public void CountsIncludeTheEventsARunCountedButDidNotKeep()
    {
        // The demo (two modules, a soft short's warning and fault) run twice: keeping every event, which gives the
        // expected counts, and keeping only its first 2 (the two starts), as a run past its 100,000 kept events keeps
        // none of the later ones. The row must count the same either way.
        Scenario scenario = BuiltInScenarios.Demo();
        SimulationResult all = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        SimulationResult capped = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false, MaximumEvents = 2 }).Run();
        StudyVariant variant = new StudyVariant { Index = 0, Scenario = scenario };
        Assert.Equal(0, all.EventsDropped);
        Assert.True(capped.EventsDropped > 0, "the capped run dropped no event");
        Assert.True(all.Events.Count(e => e.Severity == "warning") > 0 && all.Events.Count(e => e.Severity == "fault") > 0, "the demo has no warning or fault");

        StudyRow row = StudyRow.From(variant, capped);

        Assert.Equal(all.Events.Count, row.Events);
        Assert.Equal(all.Events.Count(e => e.Severity == "warning"), row.Warnings);
        Assert.Equal(all.Events.Count(e => e.Severity == "fault"), row.Faults);
        Assert.Equal(all.Events.Count(e => e.Kind == "depletionOnset"), row.DepletionOnsets);
        Assert.Equal(all.Events.Count(e => e.Kind == "softShort"), row.SoftShorts);
        Assert.Equal(all.Events.Count(e => e.Kind == "hardShort"), row.HardShorts);
    }

    [Theory]
    [InlineData("timeLimit", "running", true)]
    [InlineData("departedFromRecording", "departedFromRecording", true)]
    [InlineData("allModulesStopped", "cutoff", false)]
    public void CapacityIsALowerBoundWhereTheRunEndedBeforeTheModuleStopped(string terminatedBy, string stopReason, bool lowerBound)
    {
        // A replay that parted from its recording stopped its module there, as a time limit does a run's: what it had
        // delivered by then is less than it would have delivered to its own stop.
        StudyRow row = new StudyRow { TerminatedBy = terminatedBy, StopReason = stopReason };

        Assert.Equal(lowerBound, row.CapacityIsLowerBound);
    }
}
