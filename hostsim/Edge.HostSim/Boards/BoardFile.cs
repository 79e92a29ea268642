// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Boards;

/// <summary>Loads a <c>.board</c> file for the simulator with the firmware's own parser.</summary>
public static class BoardFile
{
    /// <summary>Parses the file; a rejected board throws with "path:line: message".</summary>
    public static BoardDefinition Load(string path)
    {
        string text = File.ReadAllText(path);
        if (!BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error))
        {
            throw new InvalidDataException(path + ":" + error.LineNumber + ": " + error.Message);
        }

        return board;
    }
}
