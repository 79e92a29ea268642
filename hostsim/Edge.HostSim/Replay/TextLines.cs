// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>
/// A recorded text file, read line by line as often as a reader asks, never held whole: a month of samples
/// is hundreds of megabytes, and its lines as strings take several times that. The first lines, where the
/// formats are told apart, are kept.
/// </summary>
internal sealed class TextLines
{
    /// <summary>Lines kept from the start of the file (an EC-Lab export names its header length within them).</summary>
    private const int HeadLines = 10;

    private readonly string _path;

    private TextLines(string path, string[] head)
    {
        _path = path;
        Head = head;
    }

    /// <summary>The file's first lines (fewer when it is shorter).</summary>
    public IReadOnlyList<string> Head { get; }

    public static TextLines Open(string path) => new TextLines(path, File.ReadLines(path).Take(HeadLines).ToArray());

    /// <summary>Line <paramref name="index"/> (0-based), or null past the end.</summary>
    public string? At(int index) => index < Head.Count ? Head[index] : File.ReadLines(_path).Skip(index).FirstOrDefault();

    /// <summary>The lines from <paramref name="index"/> (0-based) to the end, read as they are enumerated.</summary>
    public IEnumerable<string> From(int index) => File.ReadLines(_path).Skip(index);

    /// <summary>The number of lines (reads the whole file).</summary>
    public int Count() => File.ReadLines(_path).Count();
}
