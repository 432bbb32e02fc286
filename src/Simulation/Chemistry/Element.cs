namespace MatSim.Simulation.Chemistry;

/// <summary>A chemical element: symbol, atomic number Z and standard atomic mass in u.</summary>
public sealed record Element(string Symbol, int Number, double Mass)
{
    public override string ToString() => Symbol;
}
