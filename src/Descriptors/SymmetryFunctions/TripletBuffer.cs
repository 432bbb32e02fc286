namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Per-thread scratch of an angular group: the candidate neighbours of the central atom and the
/// valid neighbour pairs (j, k) ("triplets" with the central atom) in structure-of-arrays form, so
/// that the functions can be summed over all triplets with SIMD. The triplet count is padded to a
/// multiple of the vector width with entries whose radial factor F is zero (they add nothing).
/// F and its partials include the pair weight (Z_j Z_k for weighted functions).
/// </summary>
internal sealed class TripletBuffer
{
    public const int Width = 4;

    public int[] First = new int[64];
    public int[] Second = new int[64];
    public double[] CutoffFirst = new double[64];
    public double[] CutoffFirstDerivative = new double[64];
    public double[] CutoffSecond = new double[64];
    public double[] CutoffSecondDerivative = new double[64];

    /// <summary>Real triplets; <see cref="Padded"/> rounds it up to a multiple of <see cref="Width"/>.</summary>
    public int Count;
    public int Padded;
    public int[] SlotJ = new int[256];
    public int[] SlotK = new int[256];
    public double[] Rij = new double[256], Rik = new double[256], Rjk = new double[256], Cos = new double[256];
    public double[] F = new double[256], DFij = new double[256], DFik = new double[256], DFjk = new double[256];
    /// <summary>Backward: Σ_s w_s ∂T_s/∂(r_ij, r_ik, r_jk, cos θ) per triplet.</summary>
    public double[] SumIJ = new double[256], SumIK = new double[256], SumJK = new double[256], SumCos = new double[256];
    /// <summary>Forward: the change of r_ij, r_ik, r_jk and cos θ along the direction, per triplet.</summary>
    public double[] DIJ = new double[256], DIK = new double[256], DJK = new double[256], DCos = new double[256];

    public void EnsureCandidates(int count)
    {
        if (First.Length >= count) return;
        int size = Math.Max(count, 2 * First.Length);
        First = new int[size];
        Second = new int[size];
        CutoffFirst = new double[size];
        CutoffFirstDerivative = new double[size];
        CutoffSecond = new double[size];
        CutoffSecondDerivative = new double[size];
    }

    /// <summary>Makes room for one more triplet.</summary>
    public void Grow()
    {
        if (Count + Width < SlotJ.Length) return;
        int size = 2 * SlotJ.Length;
        Array.Resize(ref SlotJ, size);
        Array.Resize(ref SlotK, size);
        Array.Resize(ref Rij, size);
        Array.Resize(ref Rik, size);
        Array.Resize(ref Rjk, size);
        Array.Resize(ref Cos, size);
        Array.Resize(ref F, size);
        Array.Resize(ref DFij, size);
        Array.Resize(ref DFik, size);
        Array.Resize(ref DFjk, size);
        Array.Resize(ref SumIJ, size);
        Array.Resize(ref SumIK, size);
        Array.Resize(ref SumJK, size);
        Array.Resize(ref SumCos, size);
        Array.Resize(ref DIJ, size);
        Array.Resize(ref DIK, size);
        Array.Resize(ref DJK, size);
        Array.Resize(ref DCos, size);
    }

    /// <summary>Pads to a multiple of the vector width with inert triplets (F = 0, distances 1, cos 0).</summary>
    public void Pad()
    {
        Padded = (Count + Width - 1) / Width * Width;
        for (int t = Count; t < Padded; t++)
        {
            Rij[t] = Rik[t] = Rjk[t] = 1;
            Cos[t] = F[t] = DFij[t] = DFik[t] = DFjk[t] = 0;
            SlotJ[t] = SlotK[t] = 0;
            DIJ[t] = DIK[t] = DJK[t] = DCos[t] = 0;
        }
    }
}
