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

        // A Kubernetes Indexed Job's JOB_COMPLETION_INDEX counts from 0: the bare bounds did not say which end was off.
        if (index == 0 && count >= 1 && count <= 100000)
        {
            string n = count.ToString(CultureInfo.InvariantCulture);
            problem = "'" + text + "': shards are numbered from 1 to N (1/" + n + " to " + n + "/" + n + "); an index that counts from 0, as JOB_COMPLETION_INDEX does, needs 1 added";
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
