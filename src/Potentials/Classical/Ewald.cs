using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Systems;
using static MathNet.Numerics.SpecialFunctions;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Potentials.Classical;

/// <summary>
/// Coulomb energy by Ewald summation ("ewald"). Components: ewald_real, ewald_fourier,
/// ewald_self, ewald_intra (the exclusion of pairs inside rigid molecules), ewald_background (a
/// charged system's neutralising background). Framework–framework terms are left out: a rigid
/// framework's own energy is constant. MC moves update the structure factors incrementally.
/// </summary>
public sealed class Ewald(EwaldOptions options) : IEnergyModel
{
    public const string RealComponent = "ewald_real";
    public const string FourierComponent = "ewald_fourier";
    public const string SelfComponent = "ewald_self";
    public const string IntraComponent = "ewald_intra";
    public const string BackgroundComponent = "ewald_background";

    public EwaldOptions Options { get; } = options;
    public string Name => "ewald";

    public IBoundEnergy Bind(ParticleSystem system) => new Bound(Options, system);

    public double? PairRange => Options.RealCutoff;

    /// <summary>The parameters the model uses for a cell (α and the k-space rule).</summary>
    public EwaldParameters ParametersFor(Cell cell) => EwaldParameters.For(Options, cell);

    private sealed class Bound : IBoundEnergy
    {
        private readonly EwaldOptions options;
        private readonly ParticleSystem system;
        private readonly VerletList verlet;
        private readonly DynamicCellGrid grid;
        private readonly NeighborBuffer buffer = new();
        private readonly double[] speciesIntra;
        private readonly double[] speciesSelf;
        private readonly double[] speciesCharge;
        private Cell? cellOfVectors;
        private double alpha;
        private KVectors k = KVectors.Empty;
        private double[] sRe = [], sIm = [], fRe = [], fIm = [], dRe = [], dIm = [];
        private long structureFactorVersion = -1;
        private int frameworkAtoms = -1;
        private bool gridStale = true;
        private MoveProposal? pending;
        private Phases phases = new(0, 0, 0);

        public Bound(EwaldOptions options, ParticleSystem system)
        {
            this.options = options;
            this.system = system;
            verlet = new VerletList(options.RealCutoff, options.Skin);
            grid = new DynamicCellGrid(options.RealCutoff);
            UpdateVectors();
            speciesIntra = system.Species.Select(IntraEnergy).ToArray();
            speciesSelf = system.Species.Select(s => -U.Coulomb * alpha / Math.Sqrt(Math.PI) * s.Charges.Sum(q => q * q)).ToArray();
            speciesCharge = system.Species.Select(s => s.TotalCharge).ToArray();
        }

        public string Name => "ewald";

        private Cell Cell => system.Cell ?? throw new InvalidOperationException("Ewald summation needs a periodic cell");

        private void UpdateVectors()
        {
            if (ReferenceEquals(cellOfVectors, system.Cell)) return;
            Cell cell = Cell;
            EwaldParameters p = EwaldParameters.For(options, cell);
            alpha = p.Alpha;
            k = KVectors.Create(cell, p, U.Coulomb);
            cellOfVectors = cell;
            sRe = new double[k.Count];
            sIm = new double[k.Count];
            fRe = new double[k.Count];
            fIm = new double[k.Count];
            dRe = new double[k.Count];
            dIm = new double[k.Count];
            phases = new Phases(p.KSpace.MaxIndex.H, p.KSpace.MaxIndex.K, p.KSpace.MaxIndex.L);
            structureFactorVersion = -1;
            frameworkAtoms = -1;
        }

        private double IntraEnergy(Species species)
        {
            double energy = 0;
            for (int a = 0; a < species.AtomCount; a++)
            for (int b = a + 1; b < species.AtomCount; b++)
            {
                double r = (species.Positions[b] - species.Positions[a]).Length;
                energy -= U.Coulomb * species.Charges[a] * species.Charges[b] * Erf(alpha * r) / r;
            }
            return energy;
        }

        // S(k) of all atoms and of the framework alone, from scratch.
        private void UpdateStructureFactors()
        {
            UpdateVectors();
            if (frameworkAtoms != system.FrameworkAtomCount)
            {
                Array.Clear(fRe);
                Array.Clear(fIm);
                Accumulate(system.Positions[..system.FrameworkAtomCount], system.Charges[..system.FrameworkAtomCount], 1, fRe, fIm);
                frameworkAtoms = system.FrameworkAtomCount;
            }
            if (structureFactorVersion == system.Version) return;
            Array.Copy(fRe, sRe, k.Count);
            Array.Copy(fIm, sIm, k.Count);
            int f = system.FrameworkAtomCount;
            Accumulate(system.Positions[f..], system.Charges[f..], 1, sRe, sIm);
            structureFactorVersion = system.Version;
        }

        /// <summary>re/im += sign Σ q e^{ik·r} over the given atoms.</summary>
        private void Accumulate(ReadOnlySpan<Vec3> positions, ReadOnlySpan<double> charges, double sign, double[] re, double[] im)
        {
            for (int a = 0; a < positions.Length; a++)
            {
                if (charges[a] == 0) continue;
                phases.Set(Cell.ToFractional(positions[a]));
                double q = sign * charges[a];
                for (int i = 0; i < k.Count; i++)
                {
                    phases.Of(k.H[i], k.K[i], k.L[i], out double c, out double s);
                    re[i] += q * c;
                    im[i] += q * s;
                }
            }
        }

        public void Compute(EnergyEvaluation output)
        {
            UpdateStructureFactors();
            Cell cell = Cell;
            bool forces = output.Wants(EnergyRequest.Forces);
            bool virial = output.Wants(EnergyRequest.Virial);
            double fourier = 0;
            Mat3 w = Mat3.Zero;
            for (int i = 0; i < k.Count; i++)
            {
                double e = k.Coefficient[i] * (sRe[i] * sRe[i] + sIm[i] * sIm[i] - fRe[i] * fRe[i] - fIm[i] * fIm[i]);
                fourier += e;
                if (virial)
                {
                    // W_ab = E_k (δ_ab − 2 k_a k_b (1/k² + 1/4α²))
                    Vec3 kv = new(k.X[i], k.Y[i], k.Z[i]);
                    double factor = 2 * (1 / kv.LengthSquared + 1 / (4 * alpha * alpha));
                    w += e * (Mat3.Identity + (-factor) * Mat3.Outer(kv, kv));
                }
            }
            output.Add(FourierComponent, fourier);
            if (forces) FourierForces(output.Forces);

            double self = 0, total = 0, frameworkCharge = 0;
            ReadOnlySpan<double> q = system.Charges;
            for (int a = 0; a < system.Count; a++)
            {
                total += q[a];
                if (a < system.FrameworkAtomCount) frameworkCharge += q[a];
                else self += q[a] * q[a];
            }
            output.Add(SelfComponent, -U.Coulomb * alpha / Math.Sqrt(Math.PI) * self);
            output.Add(RealComponent, RealSpace(output, ref w));
            output.Add(IntraComponent, Intramolecular(output, ref w));
            double background = -Math.PI * U.Coulomb * (total * total - frameworkCharge * frameworkCharge) / (2 * cell.Volume * alpha * alpha);
            if (background != 0)
            {
                output.Add(BackgroundComponent, background);
                w += background * Mat3.Identity;
            }
            if (virial) output.AddVirial(w);
        }

        private void FourierForces(Span<Vec3> forces)
        {
            ReadOnlySpan<Vec3> positions = system.Positions;
            ReadOnlySpan<double> q = system.Charges;
            for (int a = 0; a < system.Count; a++)
            {
                if (q[a] == 0) continue;
                bool framework = a < system.FrameworkAtomCount;
                phases.Set(Cell.ToFractional(positions[a]));
                double fx = 0, fy = 0, fz = 0;
                for (int i = 0; i < k.Count; i++)
                {
                    phases.Of(k.H[i], k.K[i], k.L[i], out double c, out double s);
                    // F_a = Σ_k 2 A_k q_a k Im(S* e^{ik·r_a}); a framework atom sees only the other atoms
                    double re = framework ? sRe[i] - fRe[i] : sRe[i], im = framework ? sIm[i] - fIm[i] : sIm[i];
                    double g = 2 * k.Coefficient[i] * (re * s - im * c);
                    fx += g * k.X[i];
                    fy += g * k.Y[i];
                    fz += g * k.Z[i];
                }
                forces[a] += q[a] * new Vec3(fx, fy, fz);
            }
        }

        private double RealSpace(EnergyEvaluation output, ref Mat3 w)
        {
            verlet.Update(system);
            bool forces = output.Wants(EnergyRequest.Forces), virial = output.Wants(EnergyRequest.Virial);
            ReadOnlySpan<double> charge = system.Charges;
            int n = verlet.Count, total = verlet.TotalCount;
            double[] x = verlet.Positions;
            int[] order = verlet.Order, owner = verlet.Owner;
            var q = new double[total];
            for (int k = 0; k < n; k++) q[k] = charge[order[k]];
            for (int g = 0; g < total - n; g++) q[n + g] = q[owner[g]];
            double[] f = forces ? new double[3 * total] : [];
            double rc2 = options.RealCutoff * options.RealCutoff, energy = 0;
            double twoOverSqrtPi = 2 / Math.Sqrt(Math.PI);
            for (int i = 0; i < n; i++)
            {
                double qi = q[i];
                if (qi == 0) continue;
                for (int m = verlet.Start[i]; m < verlet.Start[i + 1]; m++)
                {
                    int j = verlet.Neighbor[m];
                    double qj = q[j];
                    if (qj == 0) continue;
                    double dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2) continue;
                    double r = Math.Sqrt(r2);
                    double qq = U.Coulomb * qi * qj;
                    double screened = Erfc(alpha * r) / r;
                    energy += qq * screened;
                    if (!forces && !virial) continue;
                    // −d/dr [erfc(αr)/r] = erfc(αr)/r² + (2α/√π) e^{−α²r²}/r
                    double fr = qq * (screened + twoOverSqrtPi * alpha * Math.Exp(-alpha * alpha * r2)) / r2;
                    if (forces)
                    {
                        f[3 * j] += fr * dx;
                        f[3 * j + 1] += fr * dy;
                        f[3 * j + 2] += fr * dz;
                        f[3 * i] -= fr * dx;
                        f[3 * i + 1] -= fr * dy;
                        f[3 * i + 2] -= fr * dz;
                    }
                    if (virial)
                    {
                        var d = new Vec3(dx, dy, dz);
                        w += fr * Mat3.Outer(d, d);
                    }
                }
            }
            if (forces)
            {
                verlet.FoldGhostForces(f);
                Span<Vec3> output3 = output.Forces;
                for (int k = 0; k < n; k++) output3[order[k]] += new Vec3(f[3 * k], f[3 * k + 1], f[3 * k + 2]);
            }
            return energy;
        }

        private double Intramolecular(EnergyEvaluation output, ref Mat3 w)
        {
            bool forces = output.Wants(EnergyRequest.Forces), virial = output.Wants(EnergyRequest.Virial);
            Span<Vec3> f = output.Forces;
            ReadOnlySpan<Vec3> positions = system.Positions;
            ReadOnlySpan<double> q = system.Charges;
            double energy = 0, twoOverSqrtPi = 2 / Math.Sqrt(Math.PI);
            for (int m = 0; m < system.MoleculeCount; m++)
            {
                int first = system.FirstAtomOf(m), count = system.AtomCountOf(m);
                for (int a = first; a < first + count; a++)
                for (int b = a + 1; b < first + count; b++)
                {
                    if (q[a] == 0 || q[b] == 0) continue;
                    Vec3 d = Cell.MinimumImage(positions[b] - positions[a]);
                    double r2 = d.LengthSquared, r = Math.Sqrt(r2);
                    double qq = U.Coulomb * q[a] * q[b];
                    double erf = Erf(alpha * r) / r;
                    energy -= qq * erf;
                    if (!forces && !virial) continue;
                    // force on b of −qq erf(αr)/r: −qq (erf(αr)/r² − (2α/√π) e^{−α²r²}/r) d/r
                    double fr = -qq * (erf - twoOverSqrtPi * alpha * Math.Exp(-alpha * alpha * r2)) / r2;
                    if (forces)
                    {
                        f[b] += fr * d;
                        f[a] -= fr * d;
                    }
                    if (virial) w += fr * Mat3.Outer(d, d);
                }
            }
            return energy;
        }

        public double Propose(MoveProposal move)
        {
            UpdateStructureFactors();
            if (options.RealCutoff > Cell.MaxMinimumImageCutoff + 1e-9)
                throw new InvalidOperationException(
                    $"the real-space Coulomb cutoff {options.RealCutoff:G6} Å is more than half the smallest cell width " +
                    $"({2 * Cell.MaxMinimumImageCutoff:G6} Å); replicate the cell or shorten the cutoff");
            if (gridStale) grid.Rebuild(system);
            else grid.Synchronize(system);
            gridStale = false;
            pending = move;
            ReadOnlySpan<double> charges = system.Species[move.Species].Charges.AsSpan();
            Array.Clear(dRe);
            Array.Clear(dIm);
            double delta = 0;
            ReadOnlySpan<Vec3> old = move.Kind == MoveKind.Insert ? default : system.Positions.Slice(move.FirstAtom, move.AtomCount);
            if (move.Kind != MoveKind.Insert)
            {
                delta -= MoleculeRealEnergy(old, charges, move.FirstAtom, move.AtomCount);
                Accumulate(old, charges, -1, dRe, dIm);
            }
            if (move.Kind != MoveKind.Delete)
            {
                bool inserted = move.Kind == MoveKind.Insert;
                delta += MoleculeRealEnergy(move.Positions, charges, inserted ? -1 : move.FirstAtom, inserted ? 0 : move.AtomCount);
                Accumulate(move.Positions, charges, 1, dRe, dIm);
            }
            for (int i = 0; i < k.Count; i++)
            {
                double re = sRe[i] + dRe[i], im = sIm[i] + dIm[i];
                delta += k.Coefficient[i] * (re * re + im * im - sRe[i] * sRe[i] - sIm[i] * sIm[i]);
            }
            if (move.Kind != MoveKind.Displace)
            {
                double sign = move.Kind == MoveKind.Insert ? 1 : -1;
                delta += sign * (speciesSelf[move.Species] + speciesIntra[move.Species]);
                delta += BackgroundChange(sign * speciesCharge[move.Species]);
            }
            return delta;
        }

        private double BackgroundChange(double chargeChange)
        {
            if (chargeChange == 0) return 0;
            double total = 0;
            foreach (double q in system.Charges) total += q;
            double after = total + chargeChange;
            return -Math.PI * U.Coulomb * (after * after - total * total) / (2 * Cell.Volume * alpha * alpha);
        }

        /// <summary>Real-space energy of a molecule's charges with every charge outside the molecule.</summary>
        private double MoleculeRealEnergy(ReadOnlySpan<Vec3> positions, ReadOnlySpan<double> charges, int skipFirst, int skipCount)
        {
            ReadOnlySpan<double> q = system.Charges;
            double energy = 0;
            for (int a = 0; a < positions.Length; a++)
            {
                if (charges[a] == 0) continue;
                grid.Collect(positions[a], skipFirst, skipCount, buffer);
                double sum = 0;
                for (int n = 0; n < buffer.Count; n++)
                {
                    double qj = q[buffer.Atoms[n]];
                    if (qj == 0) continue;
                    double r = Math.Sqrt(buffer.DistancesSquared[n]);
                    sum += qj * Erfc(alpha * r) / r;
                }
                energy += U.Coulomb * charges[a] * sum;
            }
            return energy;
        }

        public void Commit()
        {
            if (pending is not { } move) return;
            for (int i = 0; i < k.Count; i++)
            {
                sRe[i] += dRe[i];
                sIm[i] += dIm[i];
            }
            structureFactorVersion = system.Version;
            if (move.Kind == MoveKind.Displace)
            {
                ReadOnlySpan<Vec3> positions = system.Positions;
                for (int a = 0; a < move.AtomCount; a++) grid.Move(move.FirstAtom + a, positions[move.FirstAtom + a]);
            }
            pending = null;
        }

        public void Refresh()
        {
            structureFactorVersion = -1;
            gridStale = true;
            verlet.Invalidate();
        }
    }
}
