namespace MatSim.Sampling.MonteCarlo;

/// <summary>
/// Counts transitions between two states of an order parameter with hysteresis: a transition is
/// counted when the value, last seen at or below <see cref="Low"/>, reaches <see cref="High"/> or
/// the reverse, so fluctuations on top of the barrier are not counted as crossings.
/// </summary>
public sealed class WellTransitions(double low, double high)
{
    private int side;   // −1 low state, +1 high state, 0 not yet in either

    public double Low { get; } = low;
    public double High { get; } = high;
    public long Count { get; private set; }

    public void Observe(double value)
    {
        int now = value <= Low ? -1 : value >= High ? 1 : 0;
        if (now == 0) return;
        if (side != 0 && now != side) Count++;
        side = now;
    }
}
