using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Learning.NetworkTraining;

/// <summary>
/// Network energies and forces of a batch of training structures. Energies go through the
/// networks with autograd; forces use the chain rule: dE/dG' from autograd, then the analytic
/// descriptor derivatives (<see cref="StructureDescriptors.Backward"/>). For the force loss the
/// gradient with respect to the weights needs d/dW of dE/dG'; it is obtained without the
/// Jacobian dG/dr by the identity ∂L_F/∂W = −∂/∂W Σ (dE/dG') · (J v), v = ∂L_F/∂F, J v being one
/// <see cref="StructureDescriptors.Forward"/> pass (a Jacobian–vector product).
/// </summary>
internal sealed class BatchEvaluator(AtomicNetwork[] networks, SymmetryFunctionScaling scaling, double energyScale, Device device)
{
    private readonly int elements = networks.Length;

    /// <summary>Per-structure network energies [B] and the per-element input tensors (rows of all structures, in order).</summary>
    public (Tensor Energies, Tensor[] Inputs, int[][] RowStart) Energies(IReadOnlyList<TrainingItem> batch, bool inputGradient)
    {
        var inputs = new Tensor[elements];
        var rowStart = new int[elements][];
        Tensor energies = zeros(batch.Count, ScalarType.Float64, device);
        for (int e = 0; e < elements; e++)
        {
            rowStart[e] = new int[batch.Count + 1];
            int count = scaling.Factors(e).Length;
            var rows = new List<double>();
            var owner = new List<long>();
            for (int s = 0; s < batch.Count; s++)
            {
                rowStart[e][s] = owner.Count;
                double[] scaled = batch[s].ScaledRows[e];
                rows.AddRange(scaled);
                for (int r = 0; r < scaled.Length / Math.Max(1, count); r++) owner.Add(s);
            }
            rowStart[e][batch.Count] = owner.Count;
            inputs[e] = tensor(rows.ToArray(), [owner.Count, count], ScalarType.Float64).to(device);
            if (owner.Count == 0) continue;
            if (inputGradient) inputs[e].requires_grad_(true);
            Tensor atomic = networks[e].forward(inputs[e]);
            using Scalar scale = energyScale.ToScalar();
            energies = energies.index_add(0, tensor(owner.ToArray(), ScalarType.Int64).to(device), atomic, scale);
        }
        return (energies, inputs, rowStart);
    }

    /// <summary>Forces (eV/Å) of each structure from dE/dG' per element (rows as in <see cref="Energies"/>).</summary>
    public Vec3[][] Forces(IReadOnlyList<TrainingItem> batch, double[][] gradient, int[][] rowStart)
    {
        var forces = new Vec3[batch.Count][];
        for (int s = 0; s < batch.Count; s++)
        {
            forces[s] = new Vec3[batch[s].AtomCount];
            batch[s].Descriptors.Backward(WeightsOf(s, gradient, rowStart), forces[s]);
        }
        return forces;
    }

    /// <summary>J v per structure, in scaled-descriptor units, laid out as the batch's input rows per element.</summary>
    public double[][] DirectionalChanges(IReadOnlyList<TrainingItem> batch, Vec3[][] directions, int[][] rowStart)
    {
        var result = new double[elements][];
        for (int e = 0; e < elements; e++) result[e] = new double[rowStart[e][batch.Count] * scaling.Factors(e).Length];
        for (int s = 0; s < batch.Count; s++)
        {
            double[][] change = batch[s].Descriptors.Forward(directions[s]);
            for (int e = 0; e < elements; e++)
            {
                ReadOnlySpan<double> factors = scaling.Factors(e);
                int n = factors.Length, offset = rowStart[e][s] * n;
                for (int k = 0; k < change[e].Length; k++) result[e][offset + k] = factors[k % n] * change[e][k];
            }
        }
        return result;
    }

    /// <summary>dE/dG (unscaled descriptors) of structure s: dE/dG' times the scaling factors.</summary>
    private double[][] WeightsOf(int s, double[][] gradient, int[][] rowStart)
    {
        var weights = new double[elements][];
        for (int e = 0; e < elements; e++)
        {
            ReadOnlySpan<double> factors = scaling.Factors(e);
            int n = factors.Length, first = rowStart[e][s] * n, length = (rowStart[e][s + 1] - rowStart[e][s]) * n;
            weights[e] = new double[length];
            for (int k = 0; k < length; k++) weights[e][k] = factors[k % n] * gradient[e][first + k];
        }
        return weights;
    }

    public static double[] ToArray(Tensor t) => t.detach().cpu().data<double>().ToArray();
}
