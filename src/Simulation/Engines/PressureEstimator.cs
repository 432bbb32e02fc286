using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines;

/// <summary>
/// The pressure of a system of rigid molecules from the molecular virial:
/// P = (N k_B T + tr W_mol / 3) / V, with W_mol = W_atomic − Σ_a (r_a − R_mol(a)) ⊗ F_a removing the
/// intramolecular (constraint) part (Allen &amp; Tildesley, §2.4). For single atoms W_mol = W_atomic.
/// Framework atoms count neither in N nor in the virial correction.
/// </summary>
public sealed class PressureEstimator(ParticleSystem system, IBoundEnergy energy)
{
    private readonly EnergyEvaluation evaluation = new();

    /// <summary>The pressure in eV/Å³ at temperature T (K).</summary>
    public double Pressure(double temperature)
    {
        Cell cell = system.Cell ?? throw new InvalidOperationException("pressure needs a periodic cell");
        bool molecular = system.Species.Any(s => !s.IsSingleAtom);
        evaluation.Reset(system.Count, molecular ? EnergyRequest.ForcesAndVirial : EnergyRequest.Virial);
        energy.Compute(evaluation);
        double trace = evaluation.Virial.Trace;
        if (molecular)
        {
            ReadOnlySpan<Vec3> r = system.Positions;
            Span<Vec3> f = evaluation.Forces;
            for (int m = 0; m < system.MoleculeCount; m++)
            {
                if (system.Species[system.SpeciesOf(m)].IsSingleAtom) continue;
                Vec3 centre = system.CentreOfMass(m);
                int first = system.FirstAtomOf(m);
                for (int a = first; a < first + system.AtomCountOf(m); a++) trace -= (r[a] - centre).Dot(f[a]);
            }
        }
        int molecules = system.MoleculeCount;
        return (molecules * Units.Units.Boltzmann * temperature + trace / 3) / cell.Volume;
    }
}
