using System.Reflection;
using System.Runtime.Loader;

namespace Edge.Benchmarks.Paired;

/// <summary>
/// The closed-loop run of one build of the simulator, loaded from its own folder: the ClosedLoopBenchmark's run
/// (NaK50 1 s / 5 s pulses at 10 ms samples in observe mode, one module of the given cells, the trace off).
/// </summary>
internal static class BuildRun
{
    /// <summary>The scenario both tools run: <paramref name="cells"/> cells in one module for <paramref name="seconds"/> s.</summary>
    public static string Scenario(int cells, int seconds) => $$"""
        { "name": "paired", "seed": 1, "samplePeriodMs": 10, "timeLimitS": {{seconds}},
          "pack": { "modules": 1, "cellsPerModule": {{cells}}, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 2 } },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    /// <summary>
    /// One build's run, through reflection: its types are not ours, they live in their own load context. The
    /// function runs the scenario once and returns its cell-steps.
    /// </summary>
    public static Func<long> Load(string directory, string scenarioJson, string name)
    {
        var context = new BuildLoadContext(name, directory);
        Assembly hostSim = context.LoadFromAssemblyPath(Path.Combine(directory, "Edge.HostSim.dll"));
        Type loader = hostSim.GetType("Edge.HostSim.Scenarios.ScenarioLoader", throwOnError: true)!;
        // Parse(json, baseDirectory, ...): later builds added optional parameters, so match by name and pass null for each.
        MethodInfo parse = loader.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "Parse" && m.GetParameters().Length >= 2 && m.GetParameters()[0].ParameterType == typeof(string));
        object[] arguments = new object[parse.GetParameters().Length];
        arguments[0] = scenarioJson;
        object scenario = parse.Invoke(null, arguments)!;
        Type optionsType = hostSim.GetType("Edge.HostSim.Simulation.RunOptions", throwOnError: true)!;
        Type runnerType = hostSim.GetType("Edge.HostSim.Simulation.ClosedLoopRunner", throwOnError: true)!;
        ConstructorInfo constructor = runnerType.GetConstructor(new[] { scenario.GetType(), optionsType })!;
        MethodInfo run = runnerType.GetMethod("Run", Type.EmptyTypes)!;
        foreach (Assembly loaded in context.Assemblies)
        {
            Console.WriteLine($"{name}: {loaded.GetName().Name} from {loaded.Location}");
        }

        return () =>
        {
            object options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("RecordTrace")!.SetValue(options, false);
            optionsType.GetProperty("MaximumEvents")!.SetValue(options, 1000);
            object result = run.Invoke(constructor.Invoke(new[] { scenario, options }), null)!;
            return (long)result.GetType().GetProperty("CellSteps")!.GetValue(result)!;
        };
    }

    /// <summary>
    /// Loads every assembly the build folder has from there, before the default context is asked: the default
    /// context already has this program's own Edge.Core and Edge.HostSim.Physics, and a context that only
    /// handled Resolving would get those, so both builds would run the same core.
    /// </summary>
    private sealed class BuildLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;

        public BuildLoadContext(string name, string directory)
            : base(name)
        {
            _directory = directory;
        }

        protected override Assembly Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
