namespace MatSim.Simulation.Units;

/// <summary>Physical dimension of a quantity read from a configuration or file.</summary>
public enum Dimension
{
    Dimensionless,
    Length,
    Energy,
    Mass,
    Time,
    Temperature,
    Pressure,
    Charge,
    Angle,
}
