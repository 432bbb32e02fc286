using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Systems;

namespace Acme.MatSim.Plugin;

/// <summary>Parameters of the Morse potential (internal units: eV, Å).</summary>
public sealed record MorseParameters(double Depth, double Alpha, double Equilibrium, double Cutoff, bool Shifted);

/// <summary>
/// Morse pair potential between atoms of different molecules (Morse, Phys. Rev. 34, 57 (1929)):
/// E(r) = D [(1 − e^{−α(r − r₀)})² − 1], shifted to zero at the cutoff when <c>Shifted</c>.
/// </summary>
public sealed class MorseModel(MorseParameters parameters) : IEnergyModel
{
    public string Name => "acme/morse";

    public IBoundEnergy Bind(ParticleSystem system)
    {
        if (system.Cell is { } cell && parameters.Cutoff > cell.MaxMinimumImageCutoff)
            throw new ModelParameterException($"the Morse cutoff {parameters.Cutoff} Å exceeds half the cell width ({cell.MaxMinimumImageCutoff:F3} Å)");
        return new BoundMorse(system, parameters);
    }
}

/// <summary>Morse bound to a system: a neighbour list per evaluation; MC increments by full recomputation.</summary>
internal sealed class BoundMorse(ParticleSystem system, MorseParameters p) : FullRecomputeFallback(system)
{
    private readonly double shift = p.Shifted ? PairEnergy(p.Cutoff, p) : 0;

    public override string Name => "acme/morse";

    public override void Compute(EnergyEvaluation output)
    {
        NeighborList list = NeighborList.Build(System.Cell, System.Positions, p.Cutoff, NeighborListKind.Half);
        ReadOnlySpan<int> molecule = System.MoleculeOfAtom;
        bool forces = output.Wants(EnergyRequest.Forces), virial = output.Wants(EnergyRequest.Virial);
        Span<Vec3> f = output.Forces;
        double energy = 0;
        Mat3 w = default;
        for (int i = 0; i < System.Count; i++)
        {
            ReadOnlySpan<int> neighbors = list.NeighborsOf(i);
            ReadOnlySpan<Vec3> displacements = list.DisplacementsOf(i);
            for (int n = 0; n < neighbors.Length; n++)
            {
                int j = neighbors[n];
                if (molecule[i] == molecule[j]) continue;
                Vec3 d = displacements[n];
                double r = d.Length;
                energy += PairEnergy(r, p) - shift;
                // dE/dr = 2 D α e^{−α(r−r₀)} (1 − e^{−α(r−r₀)})
                double x = Math.Exp(-p.Alpha * (r - p.Equilibrium));
                double dEdr = 2 * p.Depth * p.Alpha * x * (1 - x);
                Vec3 fi = dEdr / r * d;
                if (forces)
                {
                    f[i] += fi;
                    f[j] -= fi;
                }
                if (virial) w += -dEdr / r * Mat3.Outer(d, d);
            }
        }
        output.Add(Name, energy);
        if (virial) output.AddVirial(w);
    }

    private static double PairEnergy(double r, MorseParameters p)
    {
        double x = 1 - Math.Exp(-p.Alpha * (r - p.Equilibrium));
        return p.Depth * (x * x - 1);
    }
}
