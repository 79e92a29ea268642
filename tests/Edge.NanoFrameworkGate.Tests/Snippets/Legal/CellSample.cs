namespace Snippets.Legal
{
    /// <summary>One measured cell sample in integer engineering units.</summary>
    public struct CellSample
    {
        public CellSample(int voltageMv, int currentUa, long timestampTicks)
        {
            VoltageMv = voltageMv;
            CurrentUa = currentUa;
            TimestampTicks = timestampTicks;
        }

        public int VoltageMv { get; }

        public int CurrentUa { get; }

        public long TimestampTicks { get; }

        public bool IsCharging => CurrentUa > 0;
    }
}
