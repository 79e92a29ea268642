// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Which way a module's current stage can drive current (board word in <c>[module N] current_stage</c>).
    /// Stripping takes current out of the cells, plating pushes it in: a plain current sink behind the
    /// load switch can only strip.
    /// </summary>
    public enum CurrentStage
    {
        /// <summary>One current sink (board word <c>sink</c>): stripping only, the default.</summary>
        Sink = 0,

        /// <summary>One stage that sources and sinks (board word <c>bidirectional</c>): strips and plates.</summary>
        Bidirectional = 1,

        /// <summary>Two sinks in opposite directions (board word <c>two_sinks</c>): strips and plates.</summary>
        TwoSinks = 2,
    }
}
