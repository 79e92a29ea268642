// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace Edge.HostSim.Cli.Terminal;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation, so a run or sweep stops at its next
/// check, writes what finished and exits 130; a second Ctrl-C ends the process at once.
/// </summary>
public sealed class CancelSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new CancellationTokenSource();
    private readonly PosixSignalRegistration[] _registrations;

    public CancelSignal()
    {
        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        };
    }

    public CancellationToken Token => _source.Token;

    public bool IsCancelled => _source.IsCancellationRequested;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (!_source.IsCancellationRequested)
        {
            context.Cancel = true;
            _source.Cancel();
        }
    }
}
