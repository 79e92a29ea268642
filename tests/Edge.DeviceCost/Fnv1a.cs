namespace Edge.DeviceCost
{
    /// <summary>32-bit FNV-1a, the checksum every check of the device-cost benchmarks prints: the same on every runtime.</summary>
    internal static class Fnv1a
    {
        public const uint Start = 2166136261;

        public static uint Mix(uint hash, byte value)
        {
            return unchecked((hash ^ value) * 16777619);
        }

        /// <summary>The four bytes of a value, lowest first.</summary>
        public static uint Mix(uint hash, int value)
        {
            hash = Mix(hash, (byte)value);
            hash = Mix(hash, (byte)(value >> 8));
            hash = Mix(hash, (byte)(value >> 16));
            return Mix(hash, (byte)(value >> 24));
        }
    }
}
