using MatSim.Sampling.Flows;
using MatSim.Sampling.Targets;
using MatSim.Simulation.Random;
using static TorchSharp.torch;

namespace MatSim.Sampling.MonteCarlo;

/// <summary>Attempts and acceptances of one kind of move.</summary>
public sealed class MoveCounter
{
    public long Attempted { get; internal set; }
    public long Accepted { get; internal set; }
    public double AcceptanceRatio => Attempted == 0 ? 0 : (double)Accepted / Attempted;
}

/// <summary>
/// Metropolis Monte Carlo on a target, mixing local moves (one particle displaced uniformly in a
/// cube of half-width <see cref="LocalStep"/>) with flow moves: an independence Metropolis–Hastings
/// proposal x' ~ q, accepted with min(1, p(x')q(x) / (p(x)q(x'))) = min(1, w(x')/w(x)), which keeps
/// the chain exact whatever the flow's quality (Noé et al. 2019). Each step picks a flow move with
/// probability <see cref="FlowProbability"/>. Flow proposals are drawn in batches; q of a state
/// reached by a local move is evaluated when the next flow move needs it. For translation-
/// invariant targets the chain lives on configurations modulo translation (q is evaluated on the
/// centre-of-mass-free part).
/// </summary>
public sealed class FlowMonteCarlo : IDisposable
{
    private readonly ITargetEnergy target;
    private readonly CoordinateMap map;
    private readonly NormalizingFlow? flow;
    private readonly Rng rng;
    private readonly Generator? generator;
    private readonly double[] x, trial;
    private double[] proposals = [], proposalLogQ = [];
    private int nextProposal;
    private double energy, logQ = double.NaN;

    public FlowMonteCarlo(ITargetEnergy target, double kT, double[] start, NormalizingFlow? flow, double flowProbability, double localStep, ulong seed, int proposalBatch = 1024)
    {
        this.target = target;
        this.flow = flow;
        map = new CoordinateMap(target);
        if (start.Length != map.CartesianDimension) throw new ArgumentException($"start has {start.Length} coordinates, the target {map.CartesianDimension}");
        if (flow != null && flow.Dimension != map.FlowDimension) throw new ArgumentException($"flow dimension {flow.Dimension} does not match the target's {map.FlowDimension}");
        if (flow == null && flowProbability > 0) throw new ArgumentException("flow moves need a flow");
        KT = kT;
        FlowProbability = flowProbability;
        LocalStep = localStep;
        ProposalBatch = proposalBatch;
        rng = Rng.ForStream(seed, 0x3C);
        if (flow != null) generator = new Generator(seed ^ 0x3C_F10Eul, flow.Device);
        x = (double[])start.Clone();
        trial = new double[x.Length];
        energy = target.Energy(x, []);
        EnergyEvaluations = 1;
        if (!double.IsFinite(energy)) throw new ArgumentException($"the start configuration has a non-finite energy ({energy})");
    }

    public double KT { get; }
    public double FlowProbability { get; }
    public double LocalStep { get; }
    public int ProposalBatch { get; }
    public MoveCounter Local { get; } = new();
    public MoveCounter Flow { get; } = new();
    public long EnergyEvaluations { get; private set; }
    public ReadOnlySpan<double> Position => x;
    public double Energy => energy;

    public void Step()
    {
        if (flow != null && rng.NextDouble() < FlowProbability) FlowMove();
        else LocalMove();
    }

    private void LocalMove()
    {
        Local.Attempted++;
        int d = map.SpatialDimension;
        int particle = rng.NextInt(map.Particles);
        x.CopyTo(trial, 0);
        for (int a = 0; a < d; a++) trial[particle * d + a] += LocalStep * (2 * rng.NextDouble() - 1);
        double u = target.Energy(trial, []);
        EnergyEvaluations++;
        if (!Accept((u - energy) / KT)) return;
        trial.CopyTo(x, 0);
        energy = u;
        logQ = double.NaN;
        Local.Accepted++;
    }

    private void FlowMove()
    {
        Flow.Attempted++;
        if (nextProposal == proposalLogQ.Length) DrawProposals();
        int dimension = map.FlowDimension;
        var y = new ReadOnlySpan<double>(proposals, nextProposal * dimension, dimension);
        double proposedLogQ = proposalLogQ[nextProposal++];
        if (double.IsNaN(logQ)) logQ = CurrentLogQ();
        map.ToCartesian(y, trial);
        double u = target.Energy(trial, []);
        EnergyEvaluations++;
        // log [p(x')q(x) / (p(x)q(x'))] = −(u' − u)/kT + log q(x) − log q(x')
        if (!double.IsFinite(u) || !double.IsFinite(proposedLogQ) || !Accept((u - energy) / KT - logQ + proposedLogQ)) return;
        trial.CopyTo(x, 0);
        energy = u;
        logQ = proposedLogQ;
        Flow.Accepted++;
    }

    private bool Accept(double minusLogRatio) => minusLogRatio <= 0 || rng.NextDouble() < Math.Exp(-minusLogRatio);

    private void DrawProposals()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        FlowSample sample = flow!.Sample(ProposalBatch, generator!);
        proposals = sample.X.cpu().data<double>().ToArray();
        proposalLogQ = sample.LogQ.cpu().data<double>().ToArray();
        nextProposal = 0;
    }

    private double CurrentLogQ()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var y = new double[map.FlowDimension];
        map.ToFlow(x, y);
        return flow!.LogProbability(tensor(y, [1, y.Length], ScalarType.Float64).to(flow.Device)).item<double>();
    }

    public void Dispose() => generator?.Dispose();
}
