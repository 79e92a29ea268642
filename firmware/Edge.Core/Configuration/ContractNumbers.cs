// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Bounds that the MQTT contract's consumers put on its integers. Every consumer of the JSON (the dashboard, Home
    /// Assistant's templates, any JavaScript) reads a number as an IEEE 754 double, which holds every integer exactly up to
    /// 2^53 - 1 and no further (JavaScript's Number.MAX_SAFE_INTEGER; the dashboard's validator refuses a larger one as "not
    /// an integer", and with it the whole retained config). A 64-bit setting the config message carries is therefore
    /// bounded by it wherever it is set: a command, a configuration file, a scenario.
    /// </summary>
    public static class ContractNumbers
    {
        /// <summary>2^53 - 1 = 9,007,199,254,740,991: the largest integer a JSON consumer reads exactly.</summary>
        public const long LargestExactInteger = 9007199254740991;
    }
}
