// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Firmware.Commands;
using Edge.Firmware.Diagnostics;
using nanoFramework.TestFramework;

namespace NFUnitTest.Commands
{
    /// <summary>cmd/start|stop|reset with a module index or "all"; malformed commands are refused with a reason.</summary>
    [TestClass]
    public class CommandDispatcherTests
    {
        private const string Prefix = "edge/pack-7/cmd/";

        [TestMethod]
        public void KnownCommandsAreAccepted()
        {
            CommandDispatcher dispatcher = Create();

            Assert.IsNull(dispatcher.Dispatch(Prefix + "stop", "all"));
            Assert.IsNull(dispatcher.Dispatch(Prefix + "start", "1"));
            Assert.IsNull(dispatcher.Dispatch(Prefix + "reset", string.Empty));
        }

        [TestMethod]
        public void BadModuleAndUnknownCommandAreRefused()
        {
            CommandDispatcher dispatcher = Create();

            Assert.Contains("module index 0..1", dispatcher.Dispatch(Prefix + "start", "2"));
            Assert.Contains("module index", dispatcher.Dispatch(Prefix + "start", "x"));
            Assert.Contains("unknown command 'explode'", dispatcher.Dispatch(Prefix + "explode", "0"));
            Assert.IsNotNull(dispatcher.Dispatch("edge/other/cmd/start", "0"));
        }

        [TestMethod]
        public void WithoutAControllerEverythingIsRefused()
        {
            CommandDispatcher dispatcher = new CommandDispatcher(null, Prefix, new DeviceEventLog());

            Assert.Contains("not running", dispatcher.Dispatch(Prefix + "start", "0"));
        }

        private static CommandDispatcher Create()
        {
            EdgeController controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            return new CommandDispatcher(controller, Prefix, new DeviceEventLog());
        }
    }
}
