using MatSim.Potentials.NeuralNetworks;

namespace MatSim.Learning.NetworkTraining;

/// <summary>How networks are fitted (the `training:` block of an `nnp-train` configuration).</summary>
public sealed record TrainingOptions
{
    /// <summary>"adam" (mini-batches) or "lbfgs" (full batch).</summary>
    public string Optimizer { get; init; } = "adam";
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Learning rate multiplied by this after every epoch (Adam).</summary>
    public double LearningRateDecay { get; init; } = 1.0;
    public int Epochs { get; init; } = 100;
    /// <summary>Structures per Adam step.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Weight of the mean squared energy error per atom (eV²).</summary>
    public double EnergyWeight { get; init; } = 1.0;
    /// <summary>Weight of the mean squared force component error ((eV/Å)²); 0 trains on energies only.</summary>
    public double ForceWeight { get; init; } = 0.01;
    /// <summary>Stop when the validation error has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 30;
    public ulong Seed { get; init; } = 1;
    /// <summary>
    /// eV per unit of network output: the networks learn energies in units of this scale (n2p2's conv_energy, its
    /// inverse), so that their outputs are of order one whatever the spread of the data.
    /// </summary>
    public double EnergyScale { get; init; } = 1.0;
}

/// <summary>Errors of a model on a set of structures: energy per atom (eV) and force components (eV/Å).</summary>
public sealed record ErrorMetrics(double EnergyRmsePerAtom, double ForceRmse, int Structures)
{
    /// <summary>The quantity early stopping watches: the loss's two terms with their weights.</summary>
    public double Loss(TrainingOptions o) => o.EnergyWeight * EnergyRmsePerAtom * EnergyRmsePerAtom + o.ForceWeight * ForceRmse * ForceRmse;
}

/// <summary>
/// One line of the learning curve: errors after the epoch, its wall seconds, and the CPU seconds of the whole job so far.
/// <paramref name="Test"/> only with a fixed test set (data.test_files): reported as n2p2 does, never used to choose.
/// </summary>
public sealed record EpochRecord(int Epoch, ErrorMetrics Training, ErrorMetrics Validation, double LearningRate, double Seconds,
    ErrorMetrics? Test = null, double CpuSeconds = 0);
