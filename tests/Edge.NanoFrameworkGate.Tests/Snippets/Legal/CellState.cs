namespace Snippets.Legal
{
    /// <summary>Health state of one cell (enums are fine; Enum.ToString gives the number).</summary>
    public enum CellState
    {
        Resting = 0,
        Charging = 1,
        Discharging = 2,
        Faulted = 3,
    }
}
