using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Random;
using MatSim.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Learning.NetworkTraining;

/// <summary>Predictions for a set of structures, for parity plots: energies per atom (eV) and force components (eV/Å).</summary>
public sealed record Predictions(double[] ReferenceEnergyPerAtom, double[] PredictedEnergyPerAtom, double[] ReferenceForces, double[] PredictedForces);

/// <summary>
/// Fits the element networks to energies and forces: loss = w_E ⟨((E − E_ref)/N)²⟩ + w_F ⟨(F − F_ref)²⟩
/// (means over structures and force components), Adam on mini-batches or L-BFGS on the full set,
/// early stopping on the validation loss (the best weights are kept).
/// </summary>
internal sealed class NetworkTrainer
{
    private readonly AtomicNetwork[] networks;
    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly BatchEvaluator evaluator;
    private readonly optim.Optimizer? lbfgs;
    private readonly AdamOptimizer? adam;

    public NetworkTrainer(AtomicNetwork[] networks, SymmetryFunctionScaling scaling, TrainingOptions options, Device device)
    {
        this.networks = networks;
        this.options = options;
        this.device = device;
        evaluator = new BatchEvaluator(networks, scaling, options.EnergyScale, device);
        var parameters = networks.SelectMany(n => n.parameters()).ToList();
        if (options.Optimizer == "lbfgs") lbfgs = optim.LBFGS(parameters, options.LearningRate, max_iter: 20, history_size: 50);
        else adam = new AdamOptimizer(parameters, options.LearningRate);
    }

    /// <summary>Saves Adam's moments for resuming (atomically); L-BFGS restarts its history after a resume.</summary>
    public void SaveOptimizerState(string path)
    {
        if (adam is null) return;
        AtomicFile.WriteStream(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            adam.Save(writer);
        });
    }

    public void LoadOptimizerState(string path)
    {
        if (adam is null || !File.Exists(path)) return;
        using var reader = new BinaryReader(File.OpenRead(path));
        adam.Load(reader);
    }

    // the errors of the batches of an Adam epoch as they were met, before each step
    private double epochEnergySquares, epochForceSquares;
    private long epochStructures, epochForceComponents;

    /// <summary>
    /// One pass over the training set (Adam: shuffled mini-batches; L-BFGS: one full-batch step). Adam returns the training
    /// errors of the epoch's batches as each was met before its step (what costs nothing to know); L-BFGS, or a loss
    /// without forces, returns null.
    /// </summary>
    public ErrorMetrics? Epoch(IReadOnlyList<TrainingItem> training, int epoch)
    {
        double rate = options.LearningRate * Math.Pow(options.LearningRateDecay, epoch);
        if (lbfgs is not null)
        {
            foreach (var group in lbfgs.ParamGroups) group.LearningRate = rate;
            lbfgs.step(() =>
            {
                lbfgs.zero_grad();
                double total = 0;
                foreach (var batch in Batches(training, 32))
                    total += Step(batch, (double)batch.Count / training.Count);
                return tensor(total, ScalarType.Float64);
            });
            return null;
        }
        (epochEnergySquares, epochForceSquares, epochStructures, epochForceComponents) = (0, 0, 0, 0);
        adam!.LearningRate = rate;
        int[] order = Enumerable.Range(0, training.Count).ToArray();
        var rng = Rng.ForStream(options.Seed, 0x7e41, (ulong)epoch);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int start = 0; start < order.Length; start += options.BatchSize)
        {
            var batch = order.Skip(start).Take(options.BatchSize).Select(i => training[i]).ToList();
            adam!.ZeroGrad();
            Step(batch, 1);
            adam.Step();
        }
        if (epochForceComponents == 0) return null;   // forces not in the loss: not computed on the way
        return new ErrorMetrics(Math.Sqrt(epochEnergySquares / epochStructures), Math.Sqrt(epochForceSquares / epochForceComponents), training.Count);
    }

    /// <summary>Accumulates the gradient of weight × (batch loss) into the parameters; returns the batch loss value times weight.</summary>
    private double Step(IReadOnlyList<TrainingItem> batch, double weight)
    {
        using var scope = NewDisposeScope();
        bool forces = options.ForceWeight > 0;
        var (energies, inputs, rowStart) = evaluator.Energies(batch, forces);
        Tensor reference = tensor(batch.Select(b => b.ResidualEnergy).ToArray(), ScalarType.Float64).to(device);
        Tensor atoms = tensor(batch.Select(b => (double)b.EnergyAtomCount).ToArray(), ScalarType.Float64).to(device);
        Tensor energyLoss = ((energies - reference) / atoms).Squared().mean();
        // Scalars are native objects: kept alive (using) until the call that reads them is done,
        // never left to the finalizer while libtorch may still use them
        using Scalar energyScale = (options.EnergyWeight * weight).ToScalar();
        Tensor objective = energyLoss.mul(energyScale);
        double meanSquare = energyLoss.item<double>();
        double value = options.EnergyWeight * weight * meanSquare;
        epochEnergySquares += meanSquare * batch.Count;
        epochStructures += batch.Count;
        if (forces)
        {
            int[] present = Enumerable.Range(0, inputs.Length).Where(e => inputs[e].shape[0] > 0).ToArray();
            Tensor[] gradients = autograd.grad([energies.sum()], present.Select(e => inputs[e]).ToList(), retain_graph: true, create_graph: true).ToArray();
            var gradientArrays = new double[inputs.Length][];
            for (int e = 0; e < inputs.Length; e++) gradientArrays[e] = [];
            for (int p = 0; p < present.Length; p++) gradientArrays[present[p]] = BatchEvaluator.ToArray(gradients[p]);
            Vec3[][] predicted = evaluator.Forces(batch, gradientArrays, rowStart);
            int components = 3 * batch.Sum(b => b.AtomCount);
            double squares = 0;
            var directions = new Vec3[batch.Count][];
            double scale = 2 * options.ForceWeight * weight / components;
            for (int s = 0; s < batch.Count; s++)
            {
                directions[s] = new Vec3[predicted[s].Length];
                for (int i = 0; i < predicted[s].Length; i++)
                {
                    Vec3 difference = predicted[s][i] - batch[s].ReferenceForces[i];
                    squares += difference.LengthSquared;
                    directions[s][i] = scale * difference;
                }
            }
            value += options.ForceWeight * weight * squares / components;
            epochForceSquares += squares;
            epochForceComponents += components;
            double[][] changes = evaluator.DirectionalChanges(batch, directions, rowStart);
            for (int p = 0; p < present.Length; p++)
            {
                int e = present[p];
                Tensor change = tensor(changes[e], gradients[p].shape, ScalarType.Float64).to(device);
                // F = −Σ dE/dG'·dG'/dr, so ∂L_F/∂W = −∂/∂W Σ (dE/dG') (J v)
                objective = objective - (gradients[p] * change).sum();
            }
        }
        objective.backward();
        return value;
    }

    /// <summary>Errors of the current networks on a set (and the predictions, for parity plots).</summary>
    public (ErrorMetrics Metrics, Predictions Predictions) Evaluate(IReadOnlyList<TrainingItem> items)
    {
        var referenceEnergy = new List<double>();
        var predictedEnergy = new List<double>();
        var referenceForces = new List<double>();
        var predictedForces = new List<double>();
        foreach (var batch in Batches(items, 16))
        {
            using var scope = NewDisposeScope();
            var (energies, inputs, rowStart) = evaluator.Energies(batch, true);
            int[] present = Enumerable.Range(0, inputs.Length).Where(e => inputs[e].shape[0] > 0).ToArray();
            Tensor[] gradients = autograd.grad([energies.sum()], present.Select(e => inputs[e]).ToList()).ToArray();
            var gradientArrays = new double[inputs.Length][];
            for (int e = 0; e < inputs.Length; e++) gradientArrays[e] = [];
            for (int p = 0; p < present.Length; p++) gradientArrays[present[p]] = BatchEvaluator.ToArray(gradients[p]);
            double[] predicted = BatchEvaluator.ToArray(energies);
            Vec3[][] forces = evaluator.Forces(batch, gradientArrays, rowStart);
            for (int s = 0; s < batch.Count; s++)
            {
                double offset = batch[s].Source.Energy - batch[s].ResidualEnergy; // the element offsets of this structure
                referenceEnergy.Add(batch[s].Source.Energy / batch[s].EnergyAtomCount);
                predictedEnergy.Add((predicted[s] + offset) / batch[s].EnergyAtomCount);
                for (int i = 0; i < forces[s].Length; i++)
                for (int axis = 0; axis < 3; axis++)
                {
                    referenceForces.Add(batch[s].ReferenceForces[i][axis]);
                    predictedForces.Add(forces[s][i][axis]);
                }
            }
        }
        var predictions = new Predictions(referenceEnergy.ToArray(), predictedEnergy.ToArray(), referenceForces.ToArray(), predictedForces.ToArray());
        return (new ErrorMetrics(Rmse(predictions.ReferenceEnergyPerAtom, predictions.PredictedEnergyPerAtom),
            Rmse(predictions.ReferenceForces, predictions.PredictedForces), items.Count), predictions);
    }

    public double[][] ExportWeights() => networks.Select(n => n.ExportN2p2()).ToArray();

    public void ImportWeights(double[][] weights)
    {
        for (int e = 0; e < networks.Length; e++) networks[e].ImportN2p2(weights[e]);
    }

    private static IEnumerable<List<TrainingItem>> Batches(IReadOnlyList<TrainingItem> items, int size)
    {
        for (int start = 0; start < items.Count; start += size) yield return items.Skip(start).Take(size).ToList();
    }

    private static double Rmse(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
        return a.Length == 0 ? 0 : Math.Sqrt(sum / a.Length);
    }
}
