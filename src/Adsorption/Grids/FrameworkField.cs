using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Structures;
using static MathNet.Numerics.SpecialFunctions;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Grids;

/// <summary>How a rigid framework acts on one guest atom type, and how finely to tabulate it.</summary>
public sealed record FrameworkFieldOptions
{
    /// <summary>The framework's unit cell (positions, types, charges in e).</summary>
    public required Structure UnitCell { get; init; }
    /// <summary>Lennard-Jones parameters for framework and guest types (the same as the direct model's).</summary>
    public required LennardJonesOptions LennardJones { get; init; }
    /// <summary>Ewald settings of the Coulomb field of the framework, or null for an uncharged framework.</summary>
    public EwaldOptions? Ewald { get; init; }
    /// <summary>Largest distance between grid planes (Å).</summary>
    public double Spacing { get; init; } = 0.15;
    /// <summary>Grid values above this (eV) mark a wall: interpolation there falls back to the direct sum.</summary>
    public double Ceiling { get; init; } = 1.0;
    /// <summary>Folder for grids reused across runs (null: no cache).</summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>
/// The field of a rigid framework on guest atoms: per guest atom type, the Lennard-Jones energy
/// with all framework atoms within the cutoff, and the framework's Ewald electrostatic potential
/// (real-space part within the Coulomb cutoff + Fourier part), tabulated on grids over the unit
/// cell and interpolated (<see cref="CubicGrid"/>), with an exact direct evaluation next to walls.
/// Grids are cached on disk under a hash of everything they depend on.
/// </summary>
public sealed class FrameworkField
{
    private const int FormatVersion = 1;
    private readonly FrameworkFieldOptions options;
    private readonly Dictionary<string, CubicGrid> lennardJones = new(StringComparer.Ordinal);
    private readonly Direct direct;
    private CubicGrid? coulomb;

    public FrameworkField(FrameworkFieldOptions options)
    {
        this.options = options;
        direct = new Direct(options);
    }

    public double GridSeconds { get; private set; }
    public bool Charged => direct.Charged;

    /// <summary>The grid of a guest type (built or loaded on first use).</summary>
    public CubicGrid LennardJonesGrid(string guestType) => LennardJonesGrids([guestType])[0];

    /// <summary>The grids of several guest types; those not yet built are computed together, in one pass over the grid.</summary>
    public CubicGrid[] LennardJonesGrids(IReadOnlyList<string> guestTypes)
    {
        lock (lennardJones)
        {
            var missing = new List<string>();
            foreach (string type in guestTypes.Distinct())
            {
                if (lennardJones.ContainsKey(type)) continue;
                if (TryLoad($"lj:{type}") is { } cached) lennardJones[type] = cached;
                else missing.Add(type);
            }
            if (missing.Count > 0)
            {
                CubicGrid[] built = Build(missing.Count, (point, values) => direct.LennardJones(missing, point, values));
                for (int t = 0; t < missing.Count; t++)
                {
                    lennardJones[missing[t]] = built[t];
                    Store($"lj:{missing[t]}", built[t]);
                }
            }
            return guestTypes.Select(t => lennardJones[t]).ToArray();
        }
    }

    /// <summary>The grid of the framework's electrostatic potential (eV per e), or null when uncharged.</summary>
    public CubicGrid? CoulombGrid()
    {
        if (!direct.Charged) return null;
        lock (lennardJones)
        {
            if (coulomb != null) return coulomb;
            coulomb = TryLoad("coulomb");
            if (coulomb != null) return coulomb;
            var (na, nb, nc) = Points;
            double[] fourier = direct.FourierPotentialOnGrid(na, nb, nc);
            coulomb = Build(1, (point, values) => values[0] = direct.Potential(point), fourier)[0];
            Store("coulomb", coulomb);
            return coulomb;
        }
    }

    /// <summary>Direct (exact) Lennard-Jones energy of a guest atom of a type at a point.</summary>
    public double DirectLennardJones(string guestType, Vec3 point)
    {
        Span<double> value = stackalloc double[1];
        direct.LennardJones([guestType], point, value);
        return value[0];
    }

    /// <summary>Direct framework potential (eV/e) at a point.</summary>
    public double DirectPotential(Vec3 point) => direct.Potential(point) + direct.FourierPotential(point);

    private (int Na, int Nb, int Nc) Points => CubicGrid.PointsFor(options.UnitCell.Cell!, options.Spacing);

    private delegate void PointValues(Vec3 point, Span<double> values);

    private CubicGrid[] Build(int count, PointValues pointValues, double[]? added = null)
    {
        Cell cell = options.UnitCell.Cell!;
        var (na, nb, nc) = Points;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double[][] values = Enumerable.Range(0, count).Select(_ => new double[na * nb * nc]).ToArray();
        Parallel.For(0, na, i =>
        {
            Span<double> point = stackalloc double[count];
            for (int j = 0; j < nb; j++)
            for (int k = 0; k < nc; k++)
            {
                Vec3 r = cell.ToCartesian(new Vec3((double)i / na, (double)j / nb, (double)k / nc));
                int index = (i * nb + j) * nc + k;
                pointValues(r, point);
                for (int t = 0; t < count; t++) values[t][index] = point[t] + (added?[index] ?? 0);
            }
        });
        GridSeconds += clock.Elapsed.TotalSeconds;
        return values.Select(v => new CubicGrid(cell, na, nb, nc, v, options.Ceiling)).ToArray();
    }

    private string? CachePath(string what)
    {
        if (options.CacheDirectory == null) return null;
        var (na, nb, nc) = Points;
        return Path.Combine(options.CacheDirectory, Key(what, na, nb, nc) + ".grid");
    }

    private CubicGrid? TryLoad(string what)
    {
        string? path = CachePath(what);
        if (path == null || !File.Exists(path)) return null;
        var (na, nb, nc) = Points;
        double[]? cached = ReadCache(path, na * nb * nc);
        return cached == null ? null : new CubicGrid(options.UnitCell.Cell!, na, nb, nc, cached, options.Ceiling);
    }

    private void Store(string what, CubicGrid grid)
    {
        if (CachePath(what) is { } path) WriteCache(path, grid.Values.ToArray());
    }

    private string Key(string what, int na, int nb, int nc)
    {
        var text = new StringBuilder($"v{FormatVersion}|{what}|{na}x{nb}x{nc}|{options.Ceiling:R}|");
        Structure s = options.UnitCell;
        Mat3 m = s.Cell!.Matrix;
        text.Append($"{m.XX:R},{m.XY:R},{m.XZ:R},{m.YX:R},{m.YY:R},{m.YZ:R},{m.ZX:R},{m.ZY:R},{m.ZZ:R}|");
        for (int i = 0; i < s.Count; i++) text.Append($"{s.Types[i]}:{s.Positions[i].X:R},{s.Positions[i].Y:R},{s.Positions[i].Z:R},{s.Charges[i]:R};");
        LennardJonesOptions lj = options.LennardJones;
        text.Append($"|{lj.Cutoff:R}|{lj.Mode}|{lj.Mixing}|");
        foreach (var (type, p) in lj.Types.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append($"{type}:{p.Epsilon:R},{p.Sigma:R};");
        foreach (var (pair, p) in lj.Pairs.OrderBy(p => p.Key.Item1 + "|" + p.Key.Item2, StringComparer.Ordinal))
            text.Append($"{pair.Item1}-{pair.Item2}:{p.Epsilon:R},{p.Sigma:R};");
        if (options.Ewald is { } e) text.Append($"|{e.RealCutoff:R}|{e.Precision:R}|{e.Alpha:R}|{e.KSpace}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static double[]? ReadCache(string path, int count)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length != 8 * count) return null;
            var values = new double[count];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteCache(string path, double[] values)
    {
        var bytes = new byte[8 * values.Length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        AtomicFile.WriteStream(path, stream => stream.Write(bytes));
    }

    /// <summary>The exact sums the grids tabulate.</summary>
    private sealed class Direct
    {
        private readonly FrameworkFieldOptions options;
        private readonly Simulation.Systems.ParticleSystem framework;
        private readonly DynamicCellGrid ljGrid, chargeGrid;
        private readonly ThreadLocal<NeighborBuffer> buffers = new(() => new NeighborBuffer());
        private readonly Dictionary<string, (double[] C12, double[] C6, double[] Shift, double[] Slope)> pairs = new(StringComparer.Ordinal);
        private readonly double alpha;
        private readonly KVectors k = KVectors.Empty;
        private readonly double[] sRe = [], sIm = [];
        private readonly int hMax, kMax, lMax;

        public bool Charged { get; }

        public Direct(FrameworkFieldOptions options)
        {
            this.options = options;
            Structure s = options.UnitCell;
            var types = s.Types.Distinct().Select(t => new Simulation.Systems.AtomType(t, s.Elements[s.Types.IndexOf(t)], 1)).ToArray();
            framework = new Simulation.Systems.ParticleSystem(s.Cell, types, [], s.Count);
            for (int i = 0; i < s.Count; i++) framework.AddFrameworkAtom(Array.FindIndex(types, t => t.Name == s.Types[i]), s.Charges[i], s.Positions[i]);
            ljGrid = new DynamicCellGrid(options.LennardJones.Cutoff);
            ljGrid.Rebuild(framework);
            Charged = options.Ewald != null && s.Charges.Any(q => q != 0);
            chargeGrid = new DynamicCellGrid(options.Ewald?.RealCutoff ?? 1);
            if (!Charged) return;
            chargeGrid.Rebuild(framework);
            EwaldParameters p = EwaldParameters.For(options.Ewald!, s.Cell!);
            alpha = p.Alpha;
            (hMax, kMax, lMax) = p.KSpace.MaxIndex;
            k = KVectors.Create(s.Cell!, p, U.Coulomb);
            sRe = new double[k.Count];
            sIm = new double[k.Count];
            var phases = new Phases(hMax, kMax, lMax);
            for (int a = 0; a < s.Count; a++)
            {
                phases.Set(s.Cell!.ToFractional(s.Positions[a]));
                for (int i = 0; i < k.Count; i++)
                {
                    phases.Of(k.H[i], k.K[i], k.L[i], out double c, out double sn);
                    sRe[i] += s.Charges[a] * c;
                    sIm[i] += s.Charges[a] * sn;
                }
            }
        }

        private (double[] C12, double[] C6, double[] Shift, double[] Slope) PairsOf(string guestType)
        {
            lock (pairs)
            {
                if (pairs.TryGetValue(guestType, out var p)) return p;
                LennardJonesOptions lj = options.LennardJones;
                int nt = framework.Types.Count;
                p = (new double[nt], new double[nt], new double[nt], new double[nt]);
                double rc = lj.Cutoff, rc6 = Math.Pow(rc, 6);
                for (int t = 0; t < nt; t++)
                {
                    LennardJonesPair pair = lj.PairParameters(framework.Types[t].Name, guestType);
                    double s6 = Math.Pow(pair.Sigma, 6);
                    p.C12[t] = 4 * pair.Epsilon * s6 * s6;
                    p.C6[t] = 4 * pair.Epsilon * s6;
                    if (lj.Mode != CutoffMode.Truncated) p.Shift[t] = p.C12[t] / (rc6 * rc6) - p.C6[t] / rc6;
                    if (lj.Mode == CutoffMode.ForceShifted) p.Slope[t] = (12 * p.C12[t] / (rc6 * rc6) - 6 * p.C6[t] / rc6) / rc;
                }
                pairs[guestType] = p;
                return p;
            }
        }

        /// <summary>The Lennard-Jones energies of atoms of several guest types at one point (one neighbour search).</summary>
        public void LennardJones(IReadOnlyList<string> guestTypes, Vec3 point, Span<double> energies)
        {
            NeighborBuffer buffer = buffers.Value!;
            ljGrid.Collect(point, -1, 0, buffer);
            ReadOnlySpan<int> type = framework.TypeIndices;
            double rc = options.LennardJones.Cutoff;
            bool forceShifted = options.LennardJones.Mode == CutoffMode.ForceShifted;
            for (int g = 0; g < guestTypes.Count; g++)
            {
                var (c12, c6, shift, slope) = PairsOf(guestTypes[g]);
                double energy = 0;
                for (int n = 0; n < buffer.Count; n++)
                {
                    int t = type[buffer.Atoms[n]];
                    double r2 = buffer.DistancesSquared[n], inv6 = 1 / (r2 * r2 * r2);
                    energy += inv6 * (c12[t] * inv6 - c6[t]) - shift[t];
                    if (forceShifted) energy += (Math.Sqrt(r2) - rc) * slope[t];
                }
                energies[g] = energy;
            }
        }

        /// <summary>Real-space part of the framework's Ewald potential (eV/e), plus the neutralising background.</summary>
        public double Potential(Vec3 point)
        {
            if (!Charged) return 0;
            NeighborBuffer buffer = buffers.Value!;
            chargeGrid.Collect(point, -1, 0, buffer);
            ReadOnlySpan<double> q = framework.Charges;
            double sum = 0;
            for (int n = 0; n < buffer.Count; n++)
            {
                double r = Math.Sqrt(buffer.DistancesSquared[n]);
                sum += q[buffer.Atoms[n]] * Erfc(alpha * r) / r;
            }
            double total = framework.Charges.ToArray().Sum();
            return U.Coulomb * sum - Math.PI * U.Coulomb * total / (framework.Cell!.Volume * alpha * alpha);
        }

        /// <summary>Fourier part of the potential at a point: Σ_k 2 A_k Re(S_f* e^{ik·r}).</summary>
        public double FourierPotential(Vec3 point)
        {
            if (!Charged) return 0;
            var phases = new Phases(hMax, kMax, lMax);
            phases.Set(framework.Cell!.ToFractional(point));
            double sum = 0;
            for (int i = 0; i < k.Count; i++)
            {
                phases.Of(k.H[i], k.K[i], k.L[i], out double c, out double s);
                sum += 2 * k.Coefficient[i] * (sRe[i] * c + sIm[i] * s);
            }
            return sum;
        }

        /// <summary>The Fourier part on the whole grid by separable sums over the three axes.</summary>
        public double[] FourierPotentialOnGrid(int na, int nb, int nc)
        {
            var result = new double[na * nb * nc];
            if (!Charged) return result;
            // c_hkl = 2 A_k conj(S_f): φ(i,j,m) = Re Σ_hkl c_hkl e^{2πi (h i/na + k j/nb + l m/nc)}
            var byHk = new Dictionary<(int, int), List<(int L, Complex C)>>();
            for (int n = 0; n < k.Count; n++)
            {
                var key = (k.H[n], k.K[n]);
                if (!byHk.TryGetValue(key, out var list)) byHk[key] = list = [];
                list.Add((k.L[n], 2 * k.Coefficient[n] * new Complex(sRe[n], -sIm[n])));
            }
            Complex Phase(int index, int n, int count) => Complex.FromPolarCoordinates(1, 2 * Math.PI * index * n / count);
            // T[h,k][m] = Σ_l c e^{2πi l m/nc}
            var byH = new Dictionary<int, Dictionary<int, Complex[]>>();
            foreach (var ((h, kk), list) in byHk)
            {
                var t = new Complex[nc];
                for (int m = 0; m < nc; m++)
                    foreach (var (l, c) in list) t[m] += c * Phase(l, m, nc);
                if (!byH.TryGetValue(h, out var row)) byH[h] = row = [];
                row[kk] = t;
            }
            Parallel.ForEach(byH, entry =>
            {
                var (h, rows) = (entry.Key, entry.Value);
                // U[j][m] = Σ_k T[h,k][m] e^{2πi k j/nb}
                var u = new Complex[nb * nc];
                foreach (var (kk, t) in rows)
                    for (int j = 0; j < nb; j++)
                    {
                        Complex p = Phase(kk, j, nb);
                        for (int m = 0; m < nc; m++) u[j * nc + m] += t[m] * p;
                    }
                var partial = new double[na * nb * nc];
                for (int i = 0; i < na; i++)
                {
                    Complex p = Phase(h, i, na);
                    for (int jm = 0; jm < nb * nc; jm++) partial[i * nb * nc + jm] = (u[jm] * p).Real;
                }
                lock (result)
                    for (int n = 0; n < result.Length; n++) result[n] += partial[n];
            });
            return result;
        }
    }
}
