namespace MatSim.Simulation.Energy;

/// <summary>What a full evaluation should produce besides the energy.</summary>
[Flags]
public enum EnergyRequest
{
    Energy = 0,
    Forces = 1,
    /// <summary>The virial tensor W = Σ r_ij ⊗ F_ij (so that P = (N k_B T + tr W / 3) / V).</summary>
    Virial = 2,
    /// <summary>Per-atom energies (models that can split their energy; others leave them zero).</summary>
    AtomEnergies = 4,
    /// <summary>The predictive variance of the energy (models with uncertainty; others leave it zero).</summary>
    Variance = 8,
    ForcesAndVirial = Forces | Virial,
}
