using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Chemistry;
using MathNet.Numerics.LinearAlgebra;

namespace MatSim.Learning.NetworkTraining;

/// <summary>The per-element reference energies that machine-learned models subtract before fitting.</summary>
public static class ElementEnergyOffsets
{
    /// <summary>
    /// Per-element energies μ minimising Σ_s (E_s − Σ_e n_se μ_e)² over the training set (ridge-stabilised: water's fixed
    /// H:O ratio makes the problem rank-deficient). Elements that carry no energy (neighbour-only, <paramref name="carriesEnergy"/>
    /// false) keep μ = 0.
    /// </summary>
    public static double[] Fit(IReadOnlyList<LabelledStructure> all, IReadOnlyList<int> training, Element[] elements, Func<int, bool> carriesEnergy)
    {
        var counts = Matrix<double>.Build.Dense(training.Count, elements.Length);
        var energies = Vector<double>.Build.Dense(training.Count);
        for (int r = 0; r < training.Count; r++)
        {
            LabelledStructure s = all[training[r]];
            foreach (Element e in s.Structure.Elements)
            {
                int k = Array.FindIndex(elements, x => x.Number == e.Number);
                if (carriesEnergy(k)) counts[r, k] += 1;
            }
            energies[r] = s.Energy;
        }
        Matrix<double> normal = counts.TransposeThisAndMultiply(counts);
        double ridge = 1e-10 * normal.Diagonal().Sum();
        return (normal + ridge * Matrix<double>.Build.DenseIdentity(elements.Length)).Solve(counts.TransposeThisAndMultiply(energies)).ToArray();
    }
}
