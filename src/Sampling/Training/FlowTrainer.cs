using MatSim.Torch;
using MatSim.Sampling.Flows;
using MatSim.Sampling.Targets;
using MatSim.Simulation.Random;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MatSim.Torch.Constant;

namespace MatSim.Sampling.Training;

/// <summary>One training step's figures (per sample, reduced units).</summary>
public sealed record FlowTrainingStep(int Step, double NegativeLogLikelihood, double ReverseKl, int Rejected, int Capped, bool Skipped);

/// <summary>
/// Trains a flow by example (maximum likelihood), by energy (reverse KL with the target's energies
/// and forces) or both. The energy gradient reaches the flow through the reparameterised samples:
/// ∂/∂θ E[u(f(z))] = E[∇u · ∂f/∂θ], so the surrogate loss Σ x·∇u (∇u held fixed) has the right
/// gradient and any energy model that returns forces can be the target. Samples with non-finite
/// energies or gradients are dropped from the batch and counted; a step with a non-finite loss is
/// skipped and counted; the flow never takes a NaN step.
/// </summary>
public sealed class FlowTrainer : IDisposable
{
    private readonly NormalizingFlow flow;
    private readonly ITargetEnergy target;
    private readonly CoordinateMap map;
    private readonly FlowTrainingOptions options;
    private readonly Tensor? data;
    private readonly AdamOptimizer optimizer;
    private readonly Generator generator;
    private Rng rng;
    private readonly List<Parameter> parameters;

    /// <param name="flow">the flow to train (its parameters are updated in place)</param>
    /// <param name="target">the energy u(x) defining the Boltzmann density</param>
    /// <param name="options">losses, steps, batch and learning-rate settings</param>
    /// <param name="examples">Cartesian configurations, row by row (target coordinates), or null for training by energy only.</param>
    public FlowTrainer(NormalizingFlow flow, ITargetEnergy target, FlowTrainingOptions options, double[]? examples)
    {
        this.flow = flow;
        this.target = target;
        this.options = options;
        map = new CoordinateMap(target);
        if (map.FlowDimension != flow.Dimension)
            throw new ArgumentException($"flow dimension {flow.Dimension} does not match the target's {map.FlowDimension}");
        if (examples != null)
        {
            double[] rows = map.ToFlow(examples);
            data = tensor(rows, [rows.Length / map.FlowDimension, map.FlowDimension], ScalarType.Float64).to(flow.Device);
            flow.InitializeFrom(data);
        }
        parameters = flow.parameters().ToList();
        optimizer = new AdamOptimizer(parameters, options.LearningRate);
        generator = new Generator(options.Seed ^ 0x5EED_F10Eul, flow.Device);
        rng = Rng.ForStream(options.Seed, 0xF10E, 1);
    }

    public int StepsDone { get; private set; }
    public int RejectedSamples { get; private set; }
    public int CappedSamples { get; private set; }
    public int SkippedSteps { get; private set; }
    public long SamplesProcessed { get; private set; }
    public int TotalSteps => (data is not null ? options.ExampleSteps : 0) + options.EnergySteps;

    /// <summary>The next step of the schedule.</summary>
    public FlowTrainingStep Step()
    {
        bool energyPhase = data is null || StepsDone >= options.ExampleSteps;
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        Tensor loss = zeros(1, dtype: ScalarType.Float64, device: flow.Device).squeeze();
        double nll = double.NaN, kl = double.NaN;
        int rejected = 0, capped = 0;
        bool anyTerm = false;
        double exampleWeight = energyPhase ? options.ExampleWeight : 1;
        if (data is not null && exampleWeight > 0)
        {
            Tensor batch = data.index_select(0, tensor(RandomRows(data.shape[0]), device: flow.Device));
            Tensor nllTensor = -flow.LogProbability(batch).mean();
            nll = nllTensor.item<double>();
            loss = loss.Plus(nllTensor * Of(exampleWeight));
            anyTerm = true;
            SamplesProcessed += options.BatchSize;
        }
        if (energyPhase && options.EnergyWeight > 0)
        {
            IReadOnlyList<double> temperatures = options.EnergyTemperatures;
            kl = 0;
            foreach (double kT in temperatures)
            {
                var (term, value, bad, high) = EnergyLoss(kT);
                rejected += bad;
                capped += high;
                if (term is null) continue;
                kl += value / temperatures.Count;
                loss = loss.Plus(term * Of(options.EnergyWeight / temperatures.Count));
                anyTerm = true;
            }
            SamplesProcessed += options.BatchSize * temperatures.Count;
        }
        RejectedSamples += rejected;
        CappedSamples += capped;
        StepsDone++;
        bool skip = !anyTerm || !double.IsFinite(loss.item<double>());
        if (!skip)
        {
            loss.backward();
            if (options.GradientClip > 0) nn.utils.clip_grad_norm_(parameters, options.GradientClip);
            skip = parameters.Any(p => p.grad is { } g && !g.isfinite().all().item<bool>());
            if (!skip) optimizer.Step();
        }
        if (skip) SkippedSteps++;
        return new FlowTrainingStep(StepsDone, nll, kl, rejected, capped, skip);
    }

    /// <summary>
    /// Everything the next steps depend on — counters, both random streams, Adam's moments and the flow's parameters —
    /// so that a run resumed from it takes exactly the steps an uninterrupted one would.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(StepsDone);
        writer.Write(RejectedSamples);
        writer.Write(CappedSamples);
        writer.Write(SkippedSteps);
        writer.Write(SamplesProcessed);
        foreach (ulong word in rng.State) writer.Write(word);
        using (Tensor state = generator.get_state()) state.Save(writer);
        optimizer.Save(writer);
        writer.Write(parameters.Count);
        foreach (Parameter p in parameters) p.Save(writer);
    }

    /// <summary>Restores what <see cref="Save"/> wrote (for the same flow architecture and options).</summary>
    public void Load(BinaryReader reader)
    {
        StepsDone = reader.ReadInt32();
        RejectedSamples = reader.ReadInt32();
        CappedSamples = reader.ReadInt32();
        SkippedSteps = reader.ReadInt32();
        SamplesProcessed = reader.ReadInt64();
        rng = Rng.FromState([reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()]);
        using (Tensor state = generator.get_state())
        {
            state.Load(reader);
            generator.set_state(state);
        }
        optimizer.Load(reader);
        if (reader.ReadInt32() != parameters.Count) throw new InvalidDataException("the checkpoint is of another flow architecture");
        using var _ = no_grad();
        foreach (Parameter p in parameters) p.Load(reader);
    }

    private long[] RandomRows(long count)
    {
        var rows = new long[options.BatchSize];
        for (int i = 0; i < rows.Length; i++) rows[i] = rng.NextInt((int)count);
        return rows;
    }

    /// <summary>The surrogate of KL at one temperature, its value E[u/kT + log q] over the accepted samples, and the counts of rejected and capped samples.</summary>
    private (Tensor? Surrogate, double Value, int Rejected, int Capped) EnergyLoss(double kT)
    {
        FlowSample sample = flow.Sample(options.BatchSize, generator, Math.Sqrt(kT / options.KT));
        double[] ys = sample.X.detach().cpu().data<double>().ToArray();
        double[] xs = map.ToCartesian(ys);
        var gradients = new double[xs.Length];
        double[] energies = target.Energies(xs, gradients);
        double[] gy = map.ToFlow(gradients);
        double[] logQ = sample.LogQ.detach().cpu().data<double>().ToArray();
        int d = map.FlowDimension, n = energies.Length, rejected = 0, capped = 0;
        var mask = new double[n];
        double value = 0;
        for (int i = 0; i < n; i++)
        {
            double u = energies[i] / kT;
            bool finite = double.IsFinite(u) && double.IsFinite(logQ[i]);
            for (int k = 0; finite && k < d; k++) finite = double.IsFinite(gy[i * d + k]);
            if (!finite)
            {
                rejected++;
                for (int k = 0; k < d; k++) gy[i * d + k] = 0;
                continue;
            }
            double scale = 1 / kT;
            if (u > options.EnergyCap)
            {
                capped++;
                scale /= 1 + u - options.EnergyCap;
                u = options.EnergyCap + Math.Log(1 + u - options.EnergyCap);
            }
            for (int k = 0; k < d; k++) gy[i * d + k] *= scale;
            mask[i] = 1;
            value += u + logQ[i];
        }
        int accepted = n - rejected;
        if (accepted == 0) return (null, double.NaN, rejected, capped);
        Device device = flow.Device;
        Tensor gradient = tensor(gy, [n, d], ScalarType.Float64).to(device);
        Tensor weights = tensor(mask, ScalarType.Float64).to(device);
        Tensor surrogate = ((sample.X * gradient).sum(1) - sample.LogDet * weights).sum() / Of(accepted);
        return (surrogate, value / accepted, rejected, capped);
    }

    /// <summary>−⟨log q⟩ of Cartesian configurations (e.g. a held-out test set), in batches, without gradients.</summary>
    public static double NegativeLogLikelihood(NormalizingFlow flow, CoordinateMap map, double[] configurations)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double[] rows = map.ToFlow(configurations);
        long n = rows.Length / map.FlowDimension;
        Tensor all = tensor(rows, [n, map.FlowDimension], ScalarType.Float64).to(flow.Device);
        double sum = 0;
        for (long start = 0; start < n; start += 4096)
            sum += flow.LogProbability(all.narrow(0, start, Math.Min(4096, n - start))).sum().item<double>();
        return -sum / n;
    }

    public void Dispose()
    {
        data?.Dispose();
        optimizer.Dispose();
        generator.Dispose();
    }
}
