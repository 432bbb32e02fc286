using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.ActiveLearning;

/// <summary>
/// A structure the current model could ask the reference about: its largest predicted force σ
/// (eV/Å, over all components) and a fingerprint for diversity. Forces, not atomic energies: only
/// total energies and forces are observed, so atomic-energy variances stay large even on the
/// training data, while force variances shrink where the model has learnt.
/// </summary>
public sealed record Candidate(Structure Structure, double Sigma, double[] Fingerprint, string Origin)
{
    /// <summary>Scores a structure with the model: σ and the per-element mean of its scaled descriptors (one descriptor evaluation for both).</summary>
    public static Candidate Score(KernelPotential model, Structure structure, string origin)
    {
        DescriptorSet set = model.Descriptors;
        StructureDescriptors d = DescriptorCalculator.Compute(set, structure.Cell, structure.Positions, structure.Elements);
        KernelUncertainty u = model.Uncertainty(d, forces: true);
        double[][] q = model.Basis.ScaledDescriptors(d);
        var fingerprint = new List<double>();
        for (int e = 0; e < set.Elements.Length; e++)
        {
            var mean = new double[set.CountOf(e)];
            ReadOnlySpan<int> atoms = d.AtomsOf(e);
            foreach (int i in atoms) DenseAlgebra.AddScaled(mean, 1.0 / atoms.Length, q[i]);
            fingerprint.AddRange(mean);
        }
        return new Candidate(structure, u.Forces!.Max(), [.. fingerprint], origin);
    }
}

/// <summary>
/// Picks the candidates worth a reference call: σ above the threshold, most uncertain first, and
/// no two picks of one iteration closer than the diversity distance in fingerprint space (so a
/// trajectory's neighbouring frames are not all labelled).
/// </summary>
public static class CandidateSelection
{
    public static List<Candidate> Select(IEnumerable<Candidate> candidates, double threshold, double diversity, int count)
    {
        var picked = new List<Candidate>();
        foreach (Candidate c in candidates.Where(c => c.Sigma > threshold).OrderByDescending(c => c.Sigma))
        {
            if (picked.Count == count) break;
            if (picked.All(p => Distance(p.Fingerprint, c.Fingerprint) >= diversity)) picked.Add(c);
        }
        return picked;
    }

    private static double Distance(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.Sqrt(sum);
    }
}
