namespace MatSim.Potentials.Kernels;

/// <summary>
/// The sums over training structures that a sparse GPR needs (Quiñonero-Candela &amp; Rasmussen,
/// JMLR 6, 1939 (2005); the projected-process form used by GAP): with K_NM the design rows,
/// energies weighted by 1/n_atoms (energy noise variance n σ_E²) and forces unweighted,
/// Gram matrices Σ K_MN W K_NM and right-hand sides Σ K_MN W y per observable type, so that any
/// noise levels can be tried without another pass over the data.
/// </summary>
public sealed class NormalEquations
{
    public int Size { get; }
    public double[] EnergyGram { get; }
    public double[] ForceGram { get; }
    public double[] EnergyRhs { get; }
    public double[] ForceRhs { get; }
    /// <summary>Σ y_E² / n.</summary>
    public double EnergySquares { get; private set; }
    public double ForceSquares { get; private set; }
    public int EnergyCount { get; private set; }
    public int ForceCount { get; private set; }
    /// <summary>Σ log n over energy observations (part of log det Λ).</summary>
    public double LogAtomCounts { get; private set; }

    public NormalEquations(int size)
    {
        Size = size;
        EnergyGram = new double[size * size];
        ForceGram = new double[size * size];
        EnergyRhs = new double[size];
        ForceRhs = new double[size];
    }

    /// <summary>Adds one structure: its energy residual (reference minus element offsets) and, if the rows have them, force targets (eV/Å, 3 per atom).</summary>
    public void Add(StructureRows rows, double energy, ReadOnlySpan<double> forces)
    {
        double weight = 1.0 / rows.EnergyAtoms;
        double[] u = rows.Energy;
        for (int a = 0; a < Size; a++)
        {
            if (u[a] == 0) continue;
            double ua = weight * u[a];
            EnergyRhs[a] += ua * energy;
            DenseAlgebra.AddScaled(EnergyGram.AsSpan(a * Size + a, Size - a), ua, u.AsSpan(a));
        }
        EnergySquares += weight * energy * energy;
        EnergyCount++;
        LogAtomCounts += Math.Log(rows.EnergyAtoms);
        if (rows.Forces is not { } f) return;
        int width = 3 * rows.Atoms;
        if (forces.Length != width) throw new ArgumentException($"{forces.Length} force components for {rows.Atoms} atoms");
        DenseAlgebra.AddGramUpper(ForceGram, f, Size, width);
        for (int a = 0; a < Size; a++) ForceRhs[a] += KernelFunction.Dot(f.AsSpan(a * width, width), forces);
        ForceSquares += KernelFunction.Dot(forces, forces);
        ForceCount += width;
    }

    /// <summary>Adds another set of sums (the reduction of per-thread partial sums).</summary>
    public void Add(NormalEquations other)
    {
        DenseAlgebra.AddScaled(EnergyGram, 1, other.EnergyGram);
        DenseAlgebra.AddScaled(ForceGram, 1, other.ForceGram);
        DenseAlgebra.AddScaled(EnergyRhs, 1, other.EnergyRhs);
        DenseAlgebra.AddScaled(ForceRhs, 1, other.ForceRhs);
        EnergySquares += other.EnergySquares;
        ForceSquares += other.ForceSquares;
        EnergyCount += other.EnergyCount;
        ForceCount += other.ForceCount;
        LogAtomCounts += other.LogAtomCounts;
    }

    /// <summary>These sums minus another set's (the training sums of a cross-validation fold).</summary>
    public NormalEquations Minus(NormalEquations other)
    {
        var result = new NormalEquations(Size);
        result.Add(this);
        DenseAlgebra.AddScaled(result.EnergyGram, -1, other.EnergyGram);
        DenseAlgebra.AddScaled(result.ForceGram, -1, other.ForceGram);
        DenseAlgebra.AddScaled(result.EnergyRhs, -1, other.EnergyRhs);
        DenseAlgebra.AddScaled(result.ForceRhs, -1, other.ForceRhs);
        result.EnergySquares -= other.EnergySquares;
        result.ForceSquares -= other.ForceSquares;
        result.EnergyCount -= other.EnergyCount;
        result.ForceCount -= other.ForceCount;
        result.LogAtomCounts -= other.LogAtomCounts;
        return result;
    }

    /// <summary>
    /// Squared prediction errors of weights α on the structures these sums hold: energies
    /// Σ (u·α − y)²/n and forces Σ |Fα − y|², from the Gram sums (αᵀGα − 2αᵀr + yᵀy).
    /// </summary>
    public (double Energy, double Forces) SquaredErrors(double[] alpha)
    {
        double energy = Quadratic(EnergyGram, alpha) - 2 * KernelFunction.Dot(alpha, EnergyRhs) + EnergySquares;
        double forces = Quadratic(ForceGram, alpha) - 2 * KernelFunction.Dot(alpha, ForceRhs) + ForceSquares;
        return (Math.Max(0, energy), Math.Max(0, forces));
    }

    private double Quadratic(double[] gram, double[] x)
    {
        double sum = 0;
        for (int a = 0; a < Size; a++) sum += x[a] * KernelFunction.Dot(gram.AsSpan(a * Size, Size), x);
        return sum;
    }

    /// <summary>Mirrors the accumulated upper triangles (call once, after all additions).</summary>
    public void Finish()
    {
        DenseAlgebra.Symmetrize(EnergyGram, Size);
        DenseAlgebra.Symmetrize(ForceGram, Size);
    }
}
