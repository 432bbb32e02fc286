using MatSim.Potentials.Classical;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Adsorption.Grids;

/// <summary>
/// The framework–guest energy from tabulated fields (`framework-field`): for every guest atom, the
/// Lennard-Jones grid of its type plus its charge times the framework's electrostatic potential,
/// and a constant per atom for the framework–guest tail correction. The framework itself is not
/// in the system: its own energy is constant, and guest–guest terms come from the other models.
/// Next to a wall the grids are not trusted and the exact sums are taken instead.
/// </summary>
public sealed class FrameworkGridEnergy(FrameworkField field, IReadOnlyDictionary<string, double> tailPerAtom) : IEnergyModel
{
    public const string LennardJonesComponent = "framework_lj";
    public const string CoulombComponent = "framework_coulomb";
    public const string TailComponent = "framework_lj_tail";

    public string Name => "framework-field";

    public IBoundEnergy Bind(ParticleSystem system) => new Bound(field, system, tailPerAtom);

    private sealed class Bound : IBoundEnergy
    {
        private const double Step = 1e-5;
        private readonly FrameworkField field;
        private readonly ParticleSystem system;
        private readonly CubicGrid?[] gridOfType;
        private readonly string[] nameOfType;
        private readonly double[] tailOfType;
        private readonly CubicGrid? coulomb;

        public Bound(FrameworkField field, ParticleSystem system, IReadOnlyDictionary<string, double> tailPerAtom)
        {
            if (system.FrameworkAtomCount > 0)
                throw new InvalidOperationException("the framework-field model replaces the framework atoms; build the system without them");
            this.field = field;
            this.system = system;
            int nt = system.Types.Count;
            nameOfType = system.Types.Select(t => t.Name).ToArray();
            gridOfType = new CubicGrid?[nt];
            tailOfType = new double[nt];
            bool charged = false;
            var used = new List<int>();
            for (int s = 0; s < system.Species.Count; s++)
            {
                ReadOnlySpan<int> types = system.TypeIndicesOf(s);
                for (int a = 0; a < types.Length; a++)
                {
                    if (!used.Contains(types[a])) used.Add(types[a]);
                    tailOfType[types[a]] = tailPerAtom.GetValueOrDefault(nameOfType[types[a]]);
                    charged |= system.Species[s].Charges[a] != 0;
                }
            }
            CubicGrid[] grids = field.LennardJonesGrids(used.Select(t => nameOfType[t]).ToArray());
            for (int u = 0; u < used.Count; u++) gridOfType[used[u]] = grids[u];
            coulomb = charged ? field.CoulombGrid() : null;
        }

        public string Name => "framework-field";

        private double LennardJones(int type, Vec3 r) =>
            gridOfType[type]!.TryValue(r, out double e) ? e : field.DirectLennardJones(nameOfType[type], r);

        private double Potential(Vec3 r) =>
            coulomb == null ? 0 : coulomb.TryValue(r, out double phi) ? phi : field.DirectPotential(r);

        public void Compute(EnergyEvaluation output)
        {
            ReadOnlySpan<Vec3> positions = system.Positions;
            ReadOnlySpan<int> types = system.TypeIndices;
            ReadOnlySpan<double> charges = system.Charges;
            double lj = 0, coulombic = 0, tail = 0;
            bool forces = output.Wants(EnergyRequest.Forces);
            for (int a = 0; a < system.Count; a++)
            {
                double e = LennardJones(types[a], positions[a]);
                double c = charges[a] == 0 ? 0 : charges[a] * Potential(positions[a]);
                lj += e;
                coulombic += c;
                tail += tailOfType[types[a]];
                if (output.Wants(EnergyRequest.AtomEnergies)) output.AtomEnergies[a] += e + c + tailOfType[types[a]];
                if (forces) output.Forces[a] -= Gradient(types[a], charges[a], positions[a]);
            }
            output.Add(LennardJonesComponent, lj);
            if (coulomb != null) output.Add(CoulombComponent, coulombic);
            if (tail != 0) output.Add(TailComponent, tail);
        }

        private Vec3 Gradient(int type, double charge, Vec3 r)
        {
            Vec3 g = gridOfType[type]!.TryValueAndGradient(r, out _, out Vec3 grid)
                ? grid
                : Central(p => field.DirectLennardJones(nameOfType[type], p), r);
            if (charge != 0 && coulomb != null)
                g += charge * (coulomb.TryValueAndGradient(r, out _, out Vec3 phi) ? phi : Central(field.DirectPotential, r));
            return g;
        }

        private static Vec3 Central(Func<Vec3, double> f, Vec3 r) => new(
            (f(r + new Vec3(Step, 0, 0)) - f(r - new Vec3(Step, 0, 0))) / (2 * Step),
            (f(r + new Vec3(0, Step, 0)) - f(r - new Vec3(0, Step, 0))) / (2 * Step),
            (f(r + new Vec3(0, 0, Step)) - f(r - new Vec3(0, 0, Step))) / (2 * Step));

        public double Propose(MoveProposal move)
        {
            ReadOnlySpan<int> types = system.TypeIndicesOf(move.Species);
            ReadOnlySpan<double> charges = system.Species[move.Species].Charges.AsSpan();
            double delta = 0;
            if (move.Kind != MoveKind.Insert) delta -= MoleculeEnergy(system.Positions.Slice(move.FirstAtom, move.AtomCount), types, charges);
            if (move.Kind != MoveKind.Delete) delta += MoleculeEnergy(move.Positions, types, charges);
            return delta;
        }

        private double MoleculeEnergy(ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> types, ReadOnlySpan<double> charges)
        {
            double e = 0;
            for (int a = 0; a < positions.Length; a++)
            {
                e += LennardJones(types[a], positions[a]) + tailOfType[types[a]];
                if (charges[a] != 0) e += charges[a] * Potential(positions[a]);
            }
            return e;
        }

        public void Commit()
        {
        }

        public void Refresh()
        {
        }
    }
}
