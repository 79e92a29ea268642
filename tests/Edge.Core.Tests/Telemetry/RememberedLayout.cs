using Edge.Core.Session.HomeAssistant;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The device's flash record of the layout it announced last to Home Assistant (0 x 0: none), kept in memory. The MQTT
/// tests compile this file too.
/// </summary>
internal sealed class RememberedLayout : IAnnouncedLayoutStore
{
    public int Modules { get; private set; }

    public int CellsPerModule { get; private set; }

    public int Stores { get; private set; }

    public bool Store(int modules, int cellsPerModule)
    {
        Modules = modules;
        CellsPerModule = cellsPerModule;
        Stores++;
        return true;
    }
}
