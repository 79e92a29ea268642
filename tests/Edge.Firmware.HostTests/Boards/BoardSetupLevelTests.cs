// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Boards;
using Xunit;

namespace Edge.Firmware.HostTests.Boards
{
    /// <summary>
    /// The device refuses a board whose [safety] level the controller's tighter limit leaves no room for, naming the
    /// board's key (it named only the controller's protection field before).
    /// </summary>
    public sealed class BoardSetupLevelTests
    {
        [Fact]
        public void ADerateLevelPastTheControllersTighterLimitNamesTheBoardKey()
        {
            // The DevKitC allows 2 mA; the controller's own limit is 1.925 mA; a derate level at 1.95 mA sits between.
            string text = BoardCatalog.DevKitC4s2m.Replace("max_module_current_ma = 2\n", "max_module_current_ma = 2\nmodule_current_derate_ma = 1.95\n");
            Assert.NotEqual(BoardCatalog.DevKitC4s2m, text);

            BoardSetup setup = BoardSetup.FromText(text);

            Assert.False(setup.IsUsable);
            Assert.StartsWith("board esp32-devkitc-4s2m: [safety] module_current_derate_ma: 1950 uA is not inside the limit in effect, 1925 uA", setup.Error);
        }
    }
}
