// Licensed under the MIT License.

using System.Runtime.CompilerServices;
using Edge.Core.Actuation;
using Edge.Core.Boards;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The board's current stages in the closed loop: the setpoint a tick commands reaches the cells as the code
/// the firmware writes (<see cref="CurrentSetpointTransfer.CodeFor"/>, rounded down to a whole DAC or PWM
/// step) and the current that code sets on the stage: code x full scale / top code, to the nearest uA. A
/// module without a setpoint output, and a run without a board, carry the command unchanged (the load
/// hardware is built for the protocol's current).
/// </summary>
public sealed class ModuleCurrentSource
{
    private readonly CurrentSetpointTransfer?[] _transfers;

    /// <summary>The stages of <paramref name="board"/>, or pass-through ones for <paramref name="moduleCount"/> modules when it is null.</summary>
    public ModuleCurrentSource(BoardDefinition? board, int moduleCount)
    {
        _transfers = new CurrentSetpointTransfer?[moduleCount];
        for (int m = 0; board != null && m < moduleCount && m < board.ModuleCount; m++)
        {
            CurrentSetpointTransfer transfer = CurrentSetpointTransfer.For(board.ModuleAt(m));
            _transfers[m] = transfer.IsDriven ? transfer : null;
        }
    }

    /// <summary>The transfer of module <paramref name="module"/>'s setpoint output, or null when it has none.</summary>
    public CurrentSetpointTransfer? TransferOf(int module) => _transfers[module];

    /// <summary>Current the stage of <paramref name="module"/> carries when commanded <paramref name="commandedUa"/>, uA, signed like the command.</summary>
    /// <remarks>
    /// Small enough to inline into the plant's module loop: a pass-through stage costs no call (which would cost
    /// that loop its registers); a driven stage takes <see cref="CarriedByStageUa"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CarriedUa(int module, int commandedUa)
    {
        CurrentSetpointTransfer? transfer = _transfers[module];
        if (transfer == null || commandedUa == 0)
        {
            return commandedUa;
        }

        return CarriedByStageUa(transfer, commandedUa);
    }

    /// <summary>The current a driven stage carries for a non-zero command, uA.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CarriedByStageUa(CurrentSetpointTransfer transfer, int commandedUa)
    {
        int code = transfer.CodeFor(commandedUa);
        int magnitude = (int)Math.Round((double)code * transfer.FullScaleUa / transfer.TopCode);
        return commandedUa < 0 ? -magnitude : magnitude;
    }
}
