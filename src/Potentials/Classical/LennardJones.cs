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

    private sealed class Bound : IBoundEnergy
    {
        private readonly LennardJonesOptions options;
        private readonly ParticleSystem system;
        private readonly PairTable table;
        private readonly VerletList verlet;
        private readonly DynamicCellGrid grid;
        private readonly NeighborBuffer buffer = new();
        private readonly double cutoff2;
        private double[] fx = [], fy = [], fz = [];
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
            int n = verlet.Count;
            bool wantForces = output.Wants(EnergyRequest.Forces) || output.Wants(EnergyRequest.Virial);
            if (wantForces && fx.Length < n)
            {
                fx = new double[n];
                fy = new double[n];
                fz = new double[n];
            }
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

        // The hot loop of MD: a half Verlet list over locally sorted coordinates.
        private double PairLoop(EnergyEvaluation output, bool wantForces)
        {
            int n = verlet.Count, nt = table.TypeCount;
            double[] x = verlet.X, y = verlet.Y, z = verlet.Z, sx = verlet.ShiftX, sy = verlet.ShiftY, sz = verlet.ShiftZ;
            double[] c12 = table.C12, c6 = table.C6, shift = table.Shift;
            int[] start = verlet.Start, neighbor = verlet.Neighbor, order = verlet.Order;
            byte[] shiftOf = verlet.Shift;
            if (localTypeBuild != verlet.Builds)
            {
                ReadOnlySpan<int> typeOf = system.TypeIndices;
                localType = new int[n];
                for (int k = 0; k < n; k++) localType[k] = typeOf[order[k]];
                localTypeBuild = verlet.Builds;
            }
            if (wantForces)
            {
                Array.Clear(fx, 0, n);
                Array.Clear(fy, 0, n);
                Array.Clear(fz, 0, n);
            }
            bool wantAtomEnergies = output.Wants(EnergyRequest.AtomEnergies);
            Span<double> atomEnergies = output.AtomEnergies;
            double energy = 0, wxx = 0, wxy = 0, wxz = 0, wyy = 0, wyz = 0, wzz = 0;
            double rc2 = cutoff2;
            for (int i = 0; i < n; i++)
            {
                double xi = x[i], yi = y[i], zi = z[i];
                double fxi = 0, fyi = 0, fzi = 0;
                int row = localType[i] * nt;
                for (int k = start[i]; k < start[i + 1]; k++)
                {
                    int j = neighbor[k];
                    int s = shiftOf[k];
                    double dx = x[j] + sx[s] - xi, dy = y[j] + sy[s] - yi, dz = z[j] + sz[s] - zi;
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2) continue;
                    int p = row + localType[j];
                    double inv2 = 1 / r2;
                    double inv6 = inv2 * inv2 * inv2;
                    double a = c12[p] * inv6, b = c6[p];
                    double e = inv6 * (a - b) - shift[p];
                    energy += e;
                    if (wantAtomEnergies)
                    {
                        atomEnergies[order[i]] += 0.5 * e;
                        atomEnergies[order[j]] += 0.5 * e;
                    }
                    if (!wantForces) continue;
                    // force on j along d: −du/dr · d/r = (12 C12/r¹² − 6 C6/r⁶) / r² · d
                    double fr = inv6 * (12 * a - 6 * b) * inv2;
                    double fdx = fr * dx, fdy = fr * dy, fdz = fr * dz;
                    fx[j] += fdx;
                    fy[j] += fdy;
                    fz[j] += fdz;
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
                    fx[i] += fxi;
                    fy[i] += fyi;
                    fz[i] += fzi;
                }
            }
            if (output.Wants(EnergyRequest.Forces))
            {
                Span<Vec3> forces = output.Forces;
                for (int k = 0; k < n; k++) forces[order[k]] += new Vec3(fx[k], fy[k], fz[k]);
            }
            if (output.Wants(EnergyRequest.Virial)) output.AddVirial(new Mat3(wxx, wxy, wxz, wxy, wyy, wyz, wxz, wyz, wzz));
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

        public void Refresh() => gridStale = true;
    }
}
