namespace Edge.Core.Sampling
{
    internal static class Placeholder
    {
    }
}
