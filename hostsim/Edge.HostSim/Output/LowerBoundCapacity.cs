// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Output;

/// <summary>
/// A capacity that is a lower bound (a module still running when its run ended) as sweep's and study's tables print
/// it: "&gt;= 0.006", with <see cref="Note"/> under the table. One wording for both, so a reader of either table
/// reads the mark the same way.
/// </summary>
public static class LowerBoundCapacity
{
    /// <summary>What stands before a capacity that is a lower bound.</summary>
    public const string Prefix = ">= ";

    /// <summary>The line under a table in which a capacity is marked with <see cref="Prefix"/>.</summary>
    public const string Note = "A capacity marked >= is a lower bound: a module was still running when its variant ended (at the time limit, or interrupted), so it had delivered that much and would have delivered more to its stop.";

    /// <summary>"&gt;= 0.006" when the capacity is a lower bound, else "0.006".</summary>
    public static string Text(double capacityMAhPerCm2, bool isLowerBound, string format) =>
        (isLowerBound ? Prefix : string.Empty) + capacityMAhPerCm2.ToString(format, CultureInfo.InvariantCulture);
}
