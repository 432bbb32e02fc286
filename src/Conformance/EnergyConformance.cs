using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Conformance;

/// <summary>
/// Checks every energy model must pass, whatever it computes: forces are minus the gradient of its
/// energy, the virial is minus its strain derivative, the energy is invariant to translation,
/// rotation and permutation and extensive under replication, and MC energy differences add up to a
/// full recomputation, the energy is smooth where atoms cross the cutoff, and bound copies may be
/// evaluated from several threads at once. Each check returns nothing and throws
/// <see cref="ConformanceException"/> with a message saying what differed.
/// </summary>
public static partial class EnergyConformance
{
    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ConformanceException(message);
    }

    private static double Energy(IEnergyModel model, ParticleSystem system) => model.Bind(system).TotalEnergy(system);

    /// <summary>Forces equal central finite differences of the energy (step h in Å) on sampled atoms.</summary>
    public static void ForcesAreMinusTheGradient(IEnergyModel model, ParticleSystem system, int sampledAtoms, double tolerance,
        ulong seed = 1, double h = 1e-5)
    {
        EnergyEvaluation full = model.Bind(system).Evaluate(system, EnergyRequest.Forces);
        Vec3[] forces = full.Forces.ToArray();
        var rng = new Rng(seed);
        for (int n = 0; n < sampledAtoms; n++)
        {
            int atom = system.FrameworkAtomCount + rng.NextInt(system.Count - system.FrameworkAtomCount);
            for (int axis = 0; axis < 3; axis++)
            {
                ParticleSystem plus = system.Clone(), minus = system.Clone();
                Vec3 step = axis == 0 ? new Vec3(h, 0, 0) : axis == 1 ? new Vec3(0, h, 0) : new Vec3(0, 0, h);
                plus.Positions[atom] += step;
                plus.PositionsChanged();
                minus.Positions[atom] -= step;
                minus.PositionsChanged();
                double numeric = -(Energy(model, plus) - Energy(model, minus)) / (2 * h);
                Require(Math.Abs(numeric - forces[atom][axis]) <= tolerance,
                    $"force on atom {atom} axis {axis}: analytic {forces[atom][axis]:G10}, finite difference {numeric:G10}");
            }
        }
    }

    /// <summary>The virial W_ab equals −∂E/∂ε_ab under a homogeneous strain of cell and atoms.</summary>
    public static void VirialIsMinusTheStrainDerivative(IEnergyModel model, ParticleSystem system, double tolerance, double h = 1e-6)
    {
        Mat3 virial = model.Bind(system).Evaluate(system, EnergyRequest.Virial).Virial;
        for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
        {
            double numeric = -(Energy(model, Strained(system, a, b, h)) - Energy(model, Strained(system, a, b, -h))) / (2 * h);
            Require(Math.Abs(numeric - virial[a, b]) <= tolerance,
                $"virial[{a},{b}]: analytic {virial[a, b]:G10}, strain derivative {numeric:G10}");
        }
    }

    private static ParticleSystem Strained(ParticleSystem system, int a, int b, double epsilon)
    {
        Mat3 strain = Mat3.Identity + epsilon * Unit(a, b);
        Cell cell = system.Cell!;
        ParticleSystem copy = system.Clone();
        copy.Cell = new Cell(strain * cell.A, strain * cell.B, strain * cell.C);
        Span<Vec3> r = copy.Positions;
        for (int i = 0; i < r.Length; i++) r[i] = strain * r[i];
        copy.PositionsChanged();
        return copy;
    }

    private static Mat3 Unit(int a, int b) => new(
        a == 0 && b == 0 ? 1 : 0, a == 0 && b == 1 ? 1 : 0, a == 0 && b == 2 ? 1 : 0,
        a == 1 && b == 0 ? 1 : 0, a == 1 && b == 1 ? 1 : 0, a == 1 && b == 2 ? 1 : 0,
        a == 2 && b == 0 ? 1 : 0, a == 2 && b == 1 ? 1 : 0, a == 2 && b == 2 ? 1 : 0);

    /// <summary>Translating every atom leaves energy and forces unchanged.</summary>
    public static void InvariantToTranslation(IEnergyModel model, ParticleSystem system, Vec3 shift, double tolerance)
    {
        EnergyEvaluation before = model.Bind(system).Evaluate(system, EnergyRequest.Forces);
        ParticleSystem moved = system.Clone();
        Span<Vec3> r = moved.Positions;
        for (int i = 0; i < r.Length; i++) r[i] += shift;
        moved.PositionsChanged();
        EnergyEvaluation after = model.Bind(moved).Evaluate(moved, EnergyRequest.Forces);
        Require(Math.Abs(after.Energy - before.Energy) <= tolerance, $"energy changed by translation: {before.Energy:G12} → {after.Energy:G12}");
        for (int i = 0; i < system.Count; i++)
            Require((after.Forces[i] - before.Forces[i]).Length <= tolerance, $"force on atom {i} changed by translation");
    }

    /// <summary>Rotating atoms and cell together leaves the energy unchanged and rotates the forces.</summary>
    public static void InvariantToRotation(IEnergyModel model, ParticleSystem system, Mat3 rotation, double tolerance)
    {
        EnergyEvaluation before = model.Bind(system).Evaluate(system, EnergyRequest.Forces);
        ParticleSystem turned = system.Clone();
        Cell cell = system.Cell!;
        turned.Cell = new Cell(rotation * cell.A, rotation * cell.B, rotation * cell.C);
        Span<Vec3> r = turned.Positions;
        for (int i = 0; i < r.Length; i++) r[i] = rotation * r[i];
        turned.PositionsChanged();
        EnergyEvaluation after = model.Bind(turned).Evaluate(turned, EnergyRequest.Forces);
        Require(Math.Abs(after.Energy - before.Energy) <= tolerance, $"energy changed by rotation: {before.Energy:G12} → {after.Energy:G12}");
        for (int i = 0; i < system.Count; i++)
            Require((after.Forces[i] - rotation * before.Forces[i]).Length <= tolerance, $"force on atom {i} does not rotate with the system");
    }

    /// <summary>Listing the molecules in another order leaves the energy unchanged and permutes the forces.</summary>
    public static void InvariantToPermutation(IEnergyModel model, ParticleSystem system, ulong seed, double tolerance)
    {
        EnergyEvaluation before = model.Bind(system).Evaluate(system, EnergyRequest.Forces);
        int[] order = Enumerable.Range(0, system.MoleculeCount).ToArray();
        var rng = new Rng(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var permuted = new ParticleSystem(system.Cell, system.Types, system.Species, system.Count);
        for (int a = 0; a < system.FrameworkAtomCount; a++)
            permuted.AddFrameworkAtom(system.TypeIndices[a], system.Charges[a], system.Positions[a]);
        foreach (int m in order)
            permuted.AddMolecule(system.SpeciesOf(m), system.Positions.Slice(system.FirstAtomOf(m), system.AtomCountOf(m)));
        EnergyEvaluation after = model.Bind(permuted).Evaluate(permuted, EnergyRequest.Forces);
        Require(Math.Abs(after.Energy - before.Energy) <= tolerance, $"energy changed by permutation: {before.Energy:G12} → {after.Energy:G12}");
        for (int newIndex = 0; newIndex < order.Length; newIndex++)
        {
            int m = order[newIndex];
            for (int a = 0; a < system.AtomCountOf(m); a++)
            {
                Vec3 f0 = before.Forces[system.FirstAtomOf(m) + a], f1 = after.Forces[permuted.FirstAtomOf(newIndex) + a];
                Require((f1 - f0).Length <= tolerance, $"force on molecule {m} atom {a} not permuted with it");
            }
        }
    }

    /// <summary>
    /// The energy of an n_a × n_b × n_c replica is n_a n_b n_c times the energy, to a tolerance
    /// relative to the sum of the components' magnitudes (a total can be a small difference of
    /// large terms, as Ewald's self and intramolecular terms are).
    /// </summary>
    public static void ExtensiveUnderReplication(IEnergyModel model, ParticleSystem system, Replication n, double relativeTolerance)
    {
        EnergyEvaluation evaluation = model.Bind(system).Evaluate(system);
        double energy = evaluation.Energy;
        double scale = evaluation.Components.Values.Sum(Math.Abs);
        Cell cell = system.Cell!;
        var big = new ParticleSystem(cell.Supercell(n), system.Types, system.Species, system.Count * n.Count);
        for (int i = 0; i < n.A; i++)
        for (int j = 0; j < n.B; j++)
        for (int k = 0; k < n.C; k++)
        {
            Vec3 shift = i * cell.A + j * cell.B + k * cell.C;
            for (int m = 0; m < system.MoleculeCount; m++)
            {
                Vec3[] r = system.Positions.Slice(system.FirstAtomOf(m), system.AtomCountOf(m)).ToArray().Select(p => p + shift).ToArray();
                big.AddMolecule(system.SpeciesOf(m), r);
            }
        }
        double replicated = Energy(model, big);
        Require(Math.Abs(replicated - n.Count * energy) <= relativeTolerance * n.Count * scale,
            $"energy of the {n} supercell {replicated:G12} is not {n.Count} × {energy:G12}");
    }

    /// <summary>
    /// Random MC moves (translations, rotations, insertions, deletions), accepted unless they raise
    /// the energy by more than <paramref name="maxIncrease"/> eV (overlaps would make the running sum
    /// lose digits): the sum of the accepted energy changes must equal a full recomputation.
    /// </summary>
    public static void IncrementalEqualsFull(IEnergyModel model, ParticleSystem system, int moves, double relativeTolerance,
        ulong seed = 7, double maxTranslation = 1.0, bool insertAndDelete = true, double maxIncrease = 5.0)
    {
        int accepted = 0;
        IBoundEnergy bound = model.Bind(system);
        double running = bound.TotalEnergy(system);
        var rng = new Rng(seed);
        var proposal = new MoveProposal();
        var scratch = new Vec3[16];
        for (int move = 0; move < moves; move++)
        {
            double choice = rng.NextDouble();
            if (insertAndDelete && choice < 0.15)
            {
                int species = rng.NextInt(system.Species.Count);
                Span<Vec3> target = proposal.Insert(system, species);
                Vec3 centre = system.Cell!.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
                system.Species[species].Place(centre, rng.NextRotation(), target);
            }
            else if (insertAndDelete && choice < 0.3 && system.MoleculeCount > 1)
            {
                proposal.Delete(system, rng.NextInt(system.MoleculeCount));
            }
            else
            {
                int m = rng.NextInt(system.MoleculeCount);
                Span<Vec3> target = proposal.Displace(system, m);
                ReadOnlySpan<Vec3> current = system.Positions.Slice(system.FirstAtomOf(m), system.AtomCountOf(m));
                var shift = new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * (2 * maxTranslation);
                if (choice < 0.65 || current.Length == 1)
                {
                    for (int a = 0; a < current.Length; a++) target[a] = current[a] + shift;
                }
                else
                {
                    Mat3 rotation = rng.NextRotation();
                    Vec3 pivot = current[0];
                    for (int a = 0; a < current.Length; a++) scratch[a] = pivot + rotation * (current[a] - pivot);
                    scratch.AsSpan(0, current.Length).CopyTo(target);
                }
            }
            double delta = bound.Propose(proposal);
            if (delta > maxIncrease) continue;
            running += delta;
            system.Apply(proposal);
            bound.Commit();
            accepted++;
        }
        Require(accepted > moves / 4, $"only {accepted} of {moves} moves were accepted; the test system is too dense");
        double full = model.Bind(system).TotalEnergy(system);
        Require(Math.Abs(running - full) <= relativeTolerance * Math.Max(1, Math.Abs(full)),
            $"after {accepted} accepted moves the running energy {running:G15} differs from a full recomputation {full:G15} by {running - full:G3}");
        double again = bound.TotalEnergy(system);
        Require(Math.Abs(again - full) <= relativeTolerance * Math.Max(1, Math.Abs(full)),
            $"the bound model's own full evaluation {again:G15} differs from a fresh one {full:G15}");
    }
}
