// Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Edge.HostSim.Cli.Terminal;

/// <summary>
/// Progress of a long command on stderr: one line updated in place (Spectre.Console progress bar with
/// percent and remaining time), a plain line every few seconds, or nothing. Updates may come from any thread.
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    /// <summary>Wall time between two plain lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly object _gate = new object();
    private readonly ProgressMode _mode;
    private readonly TextWriter _error;
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private readonly ManualResetEventSlim _finished = new ManualResetEventSlim(false);
    private readonly Task? _live;
    private double _fraction;
    private string _status;
    private string _compact;
    private string? _deferredNote;

    private ProgressDisplay(ProgressMode mode, CliConsole console, string status, string? deferredNote)
    {
        _mode = mode;
        _deferredNote = deferredNote;
        _error = console.Error;
        _status = status;
        _compact = status;
        if (mode == ProgressMode.Live)
        {
            IAnsiConsole terminal = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(console.Error),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
            });
            Progress progress = terminal.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new ProgressColumn[]
                {
                    new SpinnerColumn(),
                    new TaskDescriptionColumn { Alignment = Justify.Left },
                    new ProgressBarColumn { Width = 24 },
                    new PercentageColumn(),
                    new RemainingTimeColumn(),
                });
            _live = Task.Run(() => progress.Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(status), autoStart: true, maxValue: 100);
                while (!_finished.Wait(100))
                {
                    lock (_gate)
                    {
                        task.Description = Markup.Escape(_compact);
                        task.Value = _fraction * 100;
                    }
                }

                // The last state too (the bytes of a file read between two refreshes), before the line is cleared.
                lock (_gate)
                {
                    task.Description = Markup.Escape(_compact);
                }

                task.Value = 100;
            }));
        }
    }

    /// <summary>
    /// Starts showing progress; <paramref name="note"/> (plain mode) says once what the percentage means, at once or,
    /// <paramref name="deferNote"/>, above the first plain line (none for a step that ends sooner: a file read in under
    /// the interval and then refused says nothing but why).
    /// </summary>
    public static ProgressDisplay Start(ProgressMode mode, CliConsole console, string status, string? note = null, bool deferNote = false)
    {
        ProgressMode resolved = console.Resolve(mode);
        if (resolved == ProgressMode.Plain && note != null && !deferNote)
        {
            console.Error.WriteLine(note);
        }

        return new ProgressDisplay(resolved, console, status, resolved == ProgressMode.Plain && deferNote ? note : null);
    }

    /// <summary>True once a deferred note has been written (a later display of the same command need not repeat it).</summary>
    public bool NoteShown { get; private set; }

    /// <summary>New state; <paramref name="compact"/> is what fits the live line next to the bar (default: the status).</summary>
    public void Update(double fraction, string status, string? compact = null)
    {
        lock (_gate)
        {
            _fraction = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
            _status = status;
            _compact = compact ?? status;
            if (_mode == ProgressMode.Plain && _sinceLine.Elapsed >= PlainInterval)
            {
                _sinceLine.Restart();
                if (_deferredNote != null)
                {
                    _error.WriteLine(_deferredNote);
                    _deferredNote = null;
                    NoteShown = true;
                }

                _error.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0,5:0.0} %] {1}", _fraction * 100, _status));
                _error.Flush();
            }
        }
    }

    /// <summary>Ends the display (the live line is cleared) before results are printed.</summary>
    public void Dispose()
    {
        _finished.Set();
        _live?.Wait();
        _finished.Dispose();
    }
}
