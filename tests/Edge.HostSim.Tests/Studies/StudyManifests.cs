// Licensed under the MIT License.

namespace Edge.HostSim.Tests.Studies;

/// <summary>Small study manifests for the tests: short simulated runs, a few variants.</summary>
public static class StudyManifests
{
    /// <summary>2 pulse lengths x 3 currents x 2 random draws of tau = 12 variants of at most 60 simulated seconds.</summary>
    public const string Small = """
        { "name": "small", "seed": 3,
          "base": { "name": "small", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 60,
            "pack": { "modules": 1, "cellsPerModule": 2, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 5 } },
            "protocol": { "steps": [ "Strip at {currentMAPerCm2} mA/cm2 for {pulseS} s", "Rest for 2 s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [
            { "name": "pulseS", "values": [0.5, 1] },
            { "name": "currentMAPerCm2", "range": { "from": 0.5, "to": 1.5, "step": 0.5 } },
            { "name": "tauS", "field": "pack.overrides.tauS", "random": { "min": 2, "max": 5 } } ],
          "draws": 2 }
        """;
}
