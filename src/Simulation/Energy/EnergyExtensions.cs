using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Energy;

/// <summary>Convenience calls over the one compute entry point.</summary>
public static class EnergyExtensions
{
    /// <summary>Full evaluation into a fresh result.</summary>
    public static EnergyEvaluation Evaluate(this IBoundEnergy energy, ParticleSystem system, EnergyRequest request = EnergyRequest.Energy)
    {
        var result = new EnergyEvaluation();
        result.Reset(system.Count, request);
        energy.Compute(result);
        return result;
    }

    /// <summary>The total energy (eV) of the current state.</summary>
    public static double TotalEnergy(this IBoundEnergy energy, ParticleSystem system) => energy.Evaluate(system).Energy;
}
