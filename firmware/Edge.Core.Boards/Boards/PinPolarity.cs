// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>Which logic level switches a digital output on.</summary>
    public enum PinPolarity
    {
        /// <summary>High level = on (board word <c>high</c>).</summary>
        ActiveHigh = 0,

        /// <summary>Low level = on (board word <c>low</c>), e.g. a P-channel switch or an active-low enable.</summary>
        ActiveLow = 1,
    }
}
