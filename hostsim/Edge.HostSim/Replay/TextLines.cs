// Licensed under the MIT License.

using System.Text;

namespace Edge.HostSim.Replay;

/// <summary>
/// A recorded text file, read line by line as often as a reader asks, never held whole: a month of samples
/// is hundreds of megabytes, and its lines as strings take several times that. The first lines, where the
/// formats are told apart, are kept.
/// </summary>
internal sealed class TextLines
{
    /// <summary>Lines kept from the start of the file (an EC-Lab export names its header length within them).</summary>
    public const int HeadLines = 10;

    /// <summary>Bytes from the start of the file whose decoding decides its encoding (a header block, with room to spare).</summary>
    private const int EncodingProbeBytes = 64 * 1024;

    /// <summary>Lines read between two reports of the bytes read (a report is cheap; a line's parsing is not much more).</summary>
    private const int LinesPerReport = 8192;

    private readonly string _path;
    private readonly Encoding _encoding;
    private readonly Action<long, long>? _bytesRead;

    private TextLines(string path, Encoding encoding, Action<long, long>? bytesRead)
    {
        _path = path;
        _encoding = encoding;
        _bytesRead = bytesRead;
        Head = File.ReadLines(path, encoding).Take(HeadLines).ToArray();
    }

    /// <summary>The file's first lines (fewer when it is shorter).</summary>
    public IReadOnlyList<string> Head { get; }

    /// <param name="bytesRead">
    /// Told the bytes read so far and the bytes to read while <see cref="From"/> reads it (every few thousand lines and at
    /// the end of each pass), for a progress display: a large file takes seconds to read before anything runs. A reader
    /// that reads the file twice (an edge-sim trace: its rows counted, then read) reports both passes, of twice the
    /// file's size.
    /// </param>
    public static TextLines Open(string path, Action<long, long>? bytesRead = null) => new TextLines(path, EncodingOf(path), bytesRead);

    /// <summary>The file read as Latin-1, where reading it as UTF-8 met a byte that is not UTF-8 past the probe.</summary>
    public static TextLines OpenLatin1(string path, Action<long, long>? bytesRead = null) => new TextLines(path, Encoding.Latin1, bytesRead);

    /// <summary>Line <paramref name="index"/> (0-based), or null past the end.</summary>
    public string? At(int index) => index < Head.Count ? Head[index] : File.ReadLines(_path, _encoding).Skip(index).FirstOrDefault();

    /// <summary>
    /// The lines from <paramref name="index"/> (0-based) to the end, read as they are enumerated, with the bytes read
    /// reported as they go: pass <paramref name="pass"/> of the <paramref name="passes"/> the reader makes over the file,
    /// so the bytes before it are the earlier passes' and the bytes to read all of them.
    /// </summary>
    public IEnumerable<string> From(int index, int pass = 1, int passes = 1) => Reporting(_bytesRead, pass - 1, passes).Skip(index);

    /// <summary>
    /// The file's last line when it has no line break after it and is not a whole row, set once <see cref="From"/> has
    /// read to the end: such a line is not given out. A cycler ends every row it writes with a line break, so a file
    /// copied while it was still recording ends in a row cut anywhere, and its last value read whole the wrong number
    /// ("2.300600E-01" cut to "2.3", a 2.3 V sample replayed without a word). <c>Why</c> says what showed it cut (a clause to follow
    /// "has no line break after it"; empty where it was not compared with a row before). Null when
    /// the file ends with a line break (or in a blank line), or its last line is whole (<see cref="CutReason"/>).
    /// </summary>
    public (int Line, string Text, string Why)? LeftOutLastLine { get; private set; }

    /// <summary>
    /// Told the row before and a last line without a line break, says why that line is a row cut short (a clause such as
    /// " and has 2 fields where the row before has 3"), or null where
    /// it is whole and is given out as any other (<see cref="LastRowForm"/>). Many programs end their last row without a
    /// line break: such a row was left out, a recording's last sample lost though nothing was wrong with it. Unset,
    /// every such line is left out.
    /// </summary>
    public Func<string, string, string?>? CutReason { get; set; }

    /// <summary>The number of lines (reads the whole file).</summary>
    public int Count() => File.ReadLines(_path, _encoding).Count();

    /// <summary>
    /// The file's lines, with the bytes read so far told to <paramref name="report"/> (the stream's position: read ahead by
    /// its buffer), after the <paramref name="earlierPasses"/> whole passes before this one, of <paramref name="passes"/>.
    /// </summary>
    /// <remarks>
    /// Each line is given out once the next one has been read, so the last one can be held back where the file, as it
    /// was when the reader met its end, has no line break after it (<see cref="LeftOutLastLine"/>).
    /// </remarks>
    private IEnumerable<string> Reporting(Action<long, long>? report, int earlierPasses, int passes)
    {
        using FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);
        using StreamReader reader = new StreamReader(stream, _encoding, detectEncodingFromByteOrderMarks: true);
        long size = stream.Length;
        long before = earlierPasses * size;
        long total = passes * size;
        int lines = 0;
        string? pending = null;
        string? rowBefore = null;
        while (reader.ReadLine() is string line)
        {
            if (pending != null)
            {
                yield return pending;
            }

            rowBefore = pending;
            pending = line;
            if (++lines % LinesPerReport == 0)
            {
                report?.Invoke(before + Math.Min(stream.Position, size), total);
            }
        }

        if (pending != null)
        {
            string? why = pending.Trim().Length == 0 || EndsWithLineBreak(stream) ? null
                : rowBefore == null || CutReason == null ? string.Empty
                : CutReason(rowBefore, pending);
            if (why == null)
            {
                LeftOutLastLine = null;
                yield return pending;
            }
            else
            {
                LeftOutLastLine = (lines, pending, why);
            }
        }

        report?.Invoke(before + size, total);
    }

    /// <summary>
    /// Whether the bytes read end with a line break: CR or LF, also as UTF-16 writes them (a zero byte beside it).
    /// Read where the reader met the end, not at the file's present end: a cycler may have written on since.
    /// </summary>
    private static bool EndsWithLineBreak(FileStream stream)
    {
        long end = stream.Position;
        int count = (int)Math.Min(2, end);
        if (count == 0)
        {
            return true;
        }

        byte[] last = new byte[2];
        stream.Seek(end - count, SeekOrigin.Begin);
        stream.ReadExactly(last, 0, count);
        static bool IsBreak(byte b) => b == (byte)'\n' || b == (byte)'\r';
        return IsBreak(last[count - 1]) || (count == 2 && last[1] == 0 && IsBreak(last[0])) || (count == 2 && last[0] == 0 && IsBreak(last[1]));
    }

    /// <summary>
    /// UTF-8 (strict: a later byte that is not UTF-8 is an error the reader answers by reading the file again as Latin-1)
    /// unless the file's first bytes are not UTF-8: then Latin-1, as the Windows programs of cyclers and
    /// potentiostats write their exports (EC-Lab's "Temperature/°C", "Cs/µF", a table's "I/µA"). Decoded as UTF-8, such
    /// a micro sign became U+FFFD, so a column the file names in µA was refused for a unit replay does not read, and a
    /// message listing the columns showed "Temperature/\uFFFDC". A byte-order mark still decides where there is one.
    /// </summary>
    private static Encoding EncodingOf(string path)
    {
        byte[] head = new byte[EncodingProbeBytes];
        int read;
        using (FileStream stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        try
        {
            // flush: false, so a character the probe's end cuts in two is no error.
            UTF8Encoding strict = new UTF8Encoding(false, true);
            strict.GetDecoder().GetCharCount(head, 0, read, flush: false);
            return strict;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }
}
