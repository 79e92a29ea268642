namespace Edge.Core.Tests.Support;

/// <summary>
/// Bytes a repeated step allocates on this thread in steady state. The runtime may allocate once on a test
/// thread at an unlucky moment (tiered-compilation patching under a loaded machine); code that allocates
/// per step allocates in every window. So the smallest of three windows is the step's own allocation.
/// </summary>
internal static class SteadyStateAllocation
{
    private const int Windows = 3;

    public static long BytesPerWindow(Action<int> step, int firstIndex, int windowSteps)
    {
        long smallest = long.MaxValue;
        int index = firstIndex;
        for (int w = 0; w < Windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < windowSteps; i++)
            {
                step(index++);
            }

            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return smallest;
    }
}
