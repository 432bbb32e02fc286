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
    /// <summary>Number density (1/Å³ internally).</summary>
    NumberDensity,
    /// <summary>Inverse length, e.g. an Ewald screening parameter or a wave number (1/Å internally).</summary>
    InverseLength,
}
