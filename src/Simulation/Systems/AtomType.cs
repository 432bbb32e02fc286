using MatSim.Simulation.Chemistry;

namespace MatSim.Simulation.Systems;

/// <summary>
/// A force-field atom type (pseudo atom): its name, element and mass in u. Atoms of a
/// <see cref="ParticleSystem"/> refer to their type by index into the system's type table.
/// </summary>
public sealed record AtomType(string Name, Element Element, double Mass)
{
    public static AtomType Of(Element element) => new(element.Symbol, element, element.Mass);
}
