using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.Classical;

/// <summary>The Lennard-Jones energy model ("lj"): pair interactions between atoms of different molecules.</summary>
public sealed class LennardJones(LennardJonesOptions options) : IEnergyModel
{
    public const string Component = "lj";
    public const string TailComponent = "lj_tail";

    public LennardJonesOptions Options { get; } = options;
    public string Name => "lj";

    public IBoundEnergy Bind(ParticleSystem system) => new Bound(Options, system);

    public double? PairRange => Options.Cutoff;

    private sealed class Bound : IBoundEnergy
    {
        private readonly LennardJonesOptions options;
        private readonly ParticleSystem system;
        private readonly PairTable table;
        private readonly VerletList verlet;
        private readonly DynamicCellGrid grid;
        private readonly NeighborBuffer buffer = new();
        private readonly double cutoff2;
        private double[] force = [];
        private int[] localType = [];
        private int localTypeBuild = -1;
        private MoveProposal? pending;
        private bool gridStale = true;

        public Bound(LennardJonesOptions options, ParticleSystem system)
        {
            this.options = options;
            this.system = system;
            table = new PairTable(options, system);
            verlet = new VerletList(options.Cutoff, options.Skin);
            grid = new DynamicCellGrid(options.Cutoff);
            cutoff2 = options.Cutoff * options.Cutoff;
        }

        public string Name => "lj";

        public void Compute(EnergyEvaluation output)
        {
            verlet.Update(system);
            bool wantForces = output.Wants(EnergyRequest.Forces) || output.Wants(EnergyRequest.Virial);
            double energy = PairLoop(output, wantForces);
            output.Add(Component, energy);
            if (options.TailCorrection && system.Cell is { } cell)
            {
                var (all, framework) = TailCorrection.Counts(system);
                output.Add(TailComponent, TailCorrection.Energy(table, all, framework, cell.Volume, options.Cutoff));
                if (output.Wants(EnergyRequest.Virial))
                {
                    double pv = cell.Volume * TailCorrection.Pressure(table, all, framework, cell.Volume, options.Cutoff);
                    output.AddVirial(new Mat3(pv, 0, 0, 0, pv, 0, 0, 0, pv));
                }
            }
        }

        private void UpdateLocalTypes()
        {
            if (localTypeBuild == verlet.Builds) return;
            ReadOnlySpan<int> typeOf = system.TypeIndices;
            int[] order = verlet.Order, owner = verlet.Owner;
            localType = new int[verlet.TotalCount];
            for (int k = 0; k < verlet.Count; k++) localType[k] = typeOf[order[k]];
            for (int g = 0; g < verlet.TotalCount - verlet.Count; g++) localType[verlet.Count + g] = localType[owner[g]];
            localTypeBuild = verlet.Builds;
        }

        // The hot loop of MD: a half Verlet list over sorted, interleaved coordinates with ghosts.
        private double PairLoop(EnergyEvaluation output, bool wantForces)
        {
            UpdateLocalTypes();
            int n = verlet.Count, total = verlet.TotalCount, nt = table.TypeCount;
            double[] x = verlet.Positions;
            double[] c12 = table.C12, c6 = table.C6, shift = table.Shift, slope = table.Slope;
            bool forceShifted = table.ForceShifted;
            double rc = options.Cutoff, rc2 = cutoff2;
            int[] start = verlet.Start, neighbor = verlet.Neighbor, order = verlet.Order, types = localType;
            if (wantForces)
            {
                if (force.Length < 3 * total) force = new double[3 * total];
                Array.Clear(force, 0, 3 * total);
            }
            double[] f = force;
            bool wantAtomEnergies = output.Wants(EnergyRequest.AtomEnergies);
            if (nt == 1 && wantForces && !wantAtomEnergies && LennardJonesKernel.Supported)
                return VectorisedPairLoop(output);
            double[] atomEnergy = wantAtomEnergies ? new double[total] : [];
            double energy = 0, wxx = 0, wxy = 0, wxz = 0, wyy = 0, wyz = 0, wzz = 0;
            for (int i = 0; i < n; i++)
            {
                int i3 = 3 * i;
                double xi = x[i3], yi = x[i3 + 1], zi = x[i3 + 2];
                double fxi = 0, fyi = 0, fzi = 0;
                int row = types[i] * nt;
                int end = start[i + 1];
                for (int k = start[i]; k < end; k++)
                {
                    int j = neighbor[k];
                    int j3 = 3 * j;
                    double dx = x[j3] - xi, dy = x[j3 + 1] - yi, dz = x[j3 + 2] - zi;
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2) continue;
                    int p = row + types[j];
                    double inv2 = 1 / r2;
                    double inv6 = inv2 * inv2 * inv2;
                    double a = c12[p] * inv6, b = c6[p];
                    double e = inv6 * (a - b) - shift[p];
                    // force on j along d: −du/dr · d/r = (12 C12/r¹² − 6 C6/r⁶) / r² · d
                    double fr = inv6 * (12 * a - 6 * b) * inv2;
                    if (forceShifted)
                    {
                        double r = Math.Sqrt(r2);
                        e += (r - rc) * slope[p];
                        fr -= slope[p] / r;
                    }
                    energy += e;
                    if (wantAtomEnergies)
                    {
                        atomEnergy[i] += 0.5 * e;
                        atomEnergy[j] += 0.5 * e;
                    }
                    if (!wantForces) continue;
                    double fdx = fr * dx, fdy = fr * dy, fdz = fr * dz;
                    f[j3] += fdx;
                    f[j3 + 1] += fdy;
                    f[j3 + 2] += fdz;
                    fxi -= fdx;
                    fyi -= fdy;
                    fzi -= fdz;
                    wxx += dx * fdx;
                    wxy += dx * fdy;
                    wxz += dx * fdz;
                    wyy += dy * fdy;
                    wyz += dy * fdz;
                    wzz += dz * fdz;
                }
                if (wantForces)
                {
                    f[i3] += fxi;
                    f[i3 + 1] += fyi;
                    f[i3 + 2] += fzi;
                }
            }
            if (output.Wants(EnergyRequest.Forces))
            {
                verlet.FoldGhostForces(f);
                Span<Vec3> forces = output.Forces;
                for (int k = 0; k < n; k++) forces[order[k]] += new Vec3(f[3 * k], f[3 * k + 1], f[3 * k + 2]);
            }
            if (wantAtomEnergies)
            {
                Span<double> atomEnergies = output.AtomEnergies;
                for (int g = 0; g < total - n; g++) atomEnergy[verlet.Owner[g]] += atomEnergy[n + g];
                for (int k = 0; k < n; k++) atomEnergies[order[k]] += atomEnergy[k];
            }
            if (output.Wants(EnergyRequest.Virial)) output.AddVirial(new Mat3(wxx, wxy, wxz, wxy, wyy, wyz, wxz, wyz, wzz));
            return energy;
        }

        private double VectorisedPairLoop(EnergyEvaluation output)
        {
            Span<double> w = stackalloc double[6];
            double energy = LennardJonesKernel.Run(verlet.Positions, verlet.Count, verlet.Start, verlet.Neighbor, table.C12[0], table.C6[0],
                table.Shift[0], table.Slope[0], options.Cutoff, table.ForceShifted, force, w);
            if (output.Wants(EnergyRequest.Forces))
            {
                verlet.FoldGhostForces(force);
                Span<Vec3> forces = output.Forces;
                int[] order = verlet.Order;
                for (int k = 0; k < verlet.Count; k++) forces[order[k]] += new Vec3(force[3 * k], force[3 * k + 1], force[3 * k + 2]);
            }
            if (output.Wants(EnergyRequest.Virial)) output.AddVirial(new Mat3(w[0], w[1], w[2], w[1], w[3], w[4], w[2], w[4], w[5]));
            return energy;
        }

        public double Propose(MoveProposal move)
        {
            Cell cell = system.Cell ?? throw new InvalidOperationException("Monte Carlo needs a periodic cell");
            if (options.Cutoff > cell.MaxMinimumImageCutoff + 1e-9)
                throw new InvalidOperationException(
                    $"the Lennard-Jones cutoff {options.Cutoff:G6} Å is more than half the smallest cell width " +
                    $"({2 * cell.MaxMinimumImageCutoff:G6} Å); replicate the cell or shorten the cutoff");
            if (gridStale) grid.Rebuild(system);
            else grid.Synchronize(system);
            gridStale = false;
            pending = move;
            double delta = move.Kind switch
            {
                MoveKind.Displace => MoleculeEnergy(move.Positions, move.FirstAtom, move.AtomCount, move.Species)
                    - MoleculeEnergy(system.Positions.Slice(move.FirstAtom, move.AtomCount), move.FirstAtom, move.AtomCount, move.Species),
                MoveKind.Insert => MoleculeEnergy(move.Positions, -1, 0, move.Species),
                _ => -MoleculeEnergy(system.Positions.Slice(move.FirstAtom, move.AtomCount), move.FirstAtom, move.AtomCount, move.Species),
            };
            if (options.TailCorrection && move.Kind != MoveKind.Displace) delta += TailChange(move);
            return delta;
        }

        /// <summary>Energy of a molecule's atoms at the given positions with every atom outside the molecule.</summary>
        private double MoleculeEnergy(ReadOnlySpan<Vec3> positions, int skipFirst, int skipCount, int species)
        {
            int nt = table.TypeCount;
            ReadOnlySpan<int> types = system.TypeIndicesOf(species);
            ReadOnlySpan<int> typeOf = system.TypeIndices;
            double energy = 0;
            for (int a = 0; a < positions.Length; a++)
            {
                grid.Collect(positions[a], skipFirst, skipCount, buffer);
                int row = types[a] * nt;
                int[] atoms = buffer.Atoms;
                double[] r2s = buffer.DistancesSquared;
                for (int k = 0; k < buffer.Count; k++)
                {
                    int p = row + typeOf[atoms[k]];
                    double inv6 = 1 / (r2s[k] * r2s[k] * r2s[k]);
                    energy += inv6 * (table.C12[p] * inv6 - table.C6[p]) - table.Shift[p];
                    if (table.ForceShifted) energy += (Math.Sqrt(r2s[k]) - options.Cutoff) * table.Slope[p];
                }
            }
            return energy;
        }

        private double TailChange(MoveProposal move)
        {
            Cell cell = system.Cell!;
            var (all, framework) = TailCorrection.Counts(system);
            double before = TailCorrection.Energy(table, all, framework, cell.Volume, options.Cutoff);
            double sign = move.Kind == MoveKind.Insert ? 1 : -1;
            foreach (int t in system.TypeIndicesOf(move.Species)) all[t] += sign;
            return TailCorrection.Energy(table, all, framework, cell.Volume, options.Cutoff) - before;
        }

        public void Commit()
        {
            if (pending is not { Kind: MoveKind.Displace } move) return; // insert/delete: the grid resynchronises on topology
            ReadOnlySpan<Vec3> positions = system.Positions;
            for (int a = 0; a < move.AtomCount; a++) grid.Move(move.FirstAtom + a, positions[move.FirstAtom + a]);
        }

        public void Refresh()
        {
            gridStale = true;
            verlet.Invalidate();
        }
    }
}
