// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Studies;

/// <summary>"--shard i/N": run the i-th (1-based) of N deterministic parts of a study (every N-th variant).</summary>
public readonly record struct ShardSelection(int Index, int Count)
{
    public static readonly ShardSelection All = new ShardSelection(1, 1);

    public static bool TryParse(string text, out ShardSelection shard, out string? problem)
    {
        shard = All;
        problem = null;
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            problem = "'" + text + "' is not i/N (e.g. 2/8: the second of eight shards)";
            return false;
        }

        if (count < 1 || count > 100000 || index < 1 || index > count)
        {
            problem = "'" + text + "' needs 1 <= i <= N <= 100000";
            return false;
        }

        shard = new ShardSelection(index, count);
        return true;
    }

    public bool Contains(int variantIndex) => StudyPlan.InShard(variantIndex, Index, Count);

    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}
