// Licensed under the MIT License.

namespace Edge.Core.Decision
{
    /// <summary>
    /// The duty-cycle engine's states (<see cref="ModuleDutyCycle"/>). Telemetry shows the coarser
    /// <see cref="Records.ModuleState"/> each one belongs to (given with each member); the core README's engine table
    /// lists the transitions.
    /// </summary>
    public enum ModuleSubState : byte
    {
        /// <summary>Waiting for a start; switch open. Shown as Idle.</summary>
        Idle = 0,

        /// <summary>A strip or plate step: current flowing, switch closed. Shown as Pulse.</summary>
        Pulse = 1,

        /// <summary>A protocol rest step, timed by the rest tuner; switch open. Shown as Rest.</summary>
        Rest = 2,

        /// <summary>
        /// Before a plate step that follows stripping: a rest of at least the direction-change rest whose
        /// relaxation has settled (or the direction-change maximum), then the same plate step. Shown as Rest.
        /// </summary>
        DirectionChangeRest = 3,

        /// <summary>Pack scheduling: the rest has done its job; waits for the scheduler's grant. Shown as Rest.</summary>
        ReadyForPulse = 4,

        /// <summary>
        /// Pack scheduling, just started: ready at once (a fresh interface needs no rest), in the protocol's first
        /// rest step; the grant ends no rest. Shown as Rest.
        /// </summary>
        ReadyAfterStart = 5,

        /// <summary>A latched fault or an isolation request: switch open until a fault reset. Shown as Hold.</summary>
        Hold = 6,

        /// <summary>The run ended (limit, cut-off, protocol complete, command or diagnosis stop); switch open. Shown as Done.</summary>
        Done = 7,
    }
}
