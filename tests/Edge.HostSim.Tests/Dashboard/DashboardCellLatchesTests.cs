// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.HostSim.Dashboard;
using Xunit;

namespace Edge.HostSim.Tests.Dashboard;

/// <summary>
/// The page's own list of the latching diagnoses about one cell (store.js, CELL_LATCHES): a held module latched by one
/// of them without a cell reads "cell not known", any other "module-wide". The list copies the firmware's diagnosis
/// table (scope Cell, latching); a row added to or changed in the table without the page would word that hold wrongly.
/// </summary>
public sealed class DashboardCellLatchesTests
{
    [Fact]
    public void ThePagesCellLatchesAreTheFirmwaresLatchingCellDiagnoses()
    {
        string? root = DashboardServer.Locate();
        Assert.NotNull(root);
        string store = File.ReadAllText(Path.Combine(root!, "js", "store.js"));
        Match list = Regex.Match(store, @"const CELL_LATCHES = new Set\(\[(?<names>[^\]]*)\]\)");
        Assert.True(list.Success, "store.js declares no CELL_LATCHES set");
        string[] page = Regex.Matches(list.Groups["names"].Value, @"'([A-Za-z]+)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

        DiagnosisTable table = DiagnosisTable.CreateDefault();
        string[] firmware = Enumerable.Range(0, DiagnosisTable.RowCount)
            .Select(table.RowAt)
            .Where(row => row.Scope == DiagnosisScope.Cell && row.Latching == DiagnosisLatching.Latches)
            .Select(row => ContractNames.Of(row.Id))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // Not empty on either side: a parse that found nothing must not pass as agreement.
        Assert.Contains("hardShort", firmware);
        Assert.Equal(firmware, page);
    }
}
