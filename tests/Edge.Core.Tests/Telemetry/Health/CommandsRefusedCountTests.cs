// Licensed under the MIT License.

using System.Globalization;
using System.Reflection;
using System.Text;
using Edge.Core.Session;
using Edge.Core.Telemetry.Health;
using Xunit;

namespace Edge.Core.Tests.Telemetry.Health;

/// <summary>
/// commands_refused counts, since boot, the commands the full inbox refused: a sender flooding the device at a hundred
/// commands a second passes 2^31 in 248 days. It keeps counting up where an int turned negative. The count is set to the
/// state after 2^31 - 1 refusals; refusing that many would take minutes.
/// </summary>
public class CommandsRefusedCountTests
{
    [Fact]
    public void RefusalsPastTwoToTheThirtyFirstCountOn()
    {
        var inbox = new CommandInbox();
        FieldInfo refused = typeof(CommandInbox).GetField("_refused", BindingFlags.Instance | BindingFlags.NonPublic)!;
        refused.SetValue(inbox, Convert.ChangeType(int.MaxValue, refused.FieldType, CultureInfo.InvariantCulture));

        // The inbox holds 8; the ninth and tenth are refused.
        for (int i = 0; i < CommandInbox.Capacity + 2; i++)
        {
            inbox.TryAdd("edge/pack-7/cmd/start", new byte[] { (byte)'{', (byte)'}' }, false);
        }

        var report = new HealthReport { CommandsRefused = inbox.RefusedCount };
        Assert.Equal(2147483649L, report.CommandsRefused);
        Assert.Contains("\"commands_refused\":2147483649,", Encoding.UTF8.GetString(HealthPayload.Encode(report)));
    }
}
