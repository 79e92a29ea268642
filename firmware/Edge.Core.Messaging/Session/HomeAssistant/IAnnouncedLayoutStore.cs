// Licensed under the MIT License.

namespace Edge.Core.Session.HomeAssistant
{
    /// <summary>
    /// Where a device keeps the layout (modules x cells per module) whose discovery configs it announced last, so that a
    /// later boot with a smaller layout can clear the configs of the entities it no longer has: Home Assistant keeps the
    /// entity of a retained config for ever, and the shipped broker ACL lets no device read its own discovery topics
    /// back to find them. Internal flash on the device; the simulator keeps none. Called on the session's network thread.
    /// </summary>
    public interface IAnnouncedLayoutStore
    {
        /// <summary>
        /// Stores <paramref name="modules"/> x <paramref name="cellsPerModule"/> as the layout announced last. Called once
        /// this connection's discovery configs (or their withdrawal) and the clearing of every config the remembered
        /// layout had and this one lacks were all handed to the client. False when it was not stored: tried again, with
        /// the clearing, at the next connection.
        /// </summary>
        bool Store(int modules, int cellsPerModule);
    }
}
