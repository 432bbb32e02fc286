namespace MatSim.Sampling.Training;

/// <summary>
/// How a flow is trained (energies and kT in the target's units). Training by example minimises the
/// negative log-likelihood of data; training by energy minimises the reverse KL divergence
/// E_q[u(x)/kT + log q(x)] at each of <see cref="Temperatures"/> (Noé et al. 2019, eqs. 3–5).
/// The first <see cref="ExampleSteps"/> steps use the data only; the next
/// <see cref="EnergySteps"/> steps minimise <see cref="EnergyWeight"/>·KL + <see cref="ExampleWeight"/>·NLL.
/// </summary>
public sealed record FlowTrainingOptions
{
    public required double KT { get; init; }
    /// <summary>Temperatures of the energy loss; the prior is widened to σ = sqrt(kT/<see cref="KT"/>) for each.</summary>
    public IReadOnlyList<double> Temperatures { get; init; } = [];
    public int ExampleSteps { get; init; }
    public int EnergySteps { get; init; }
    public double ExampleWeight { get; init; } = 1;
    public double EnergyWeight { get; init; } = 1;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Largest gradient norm; larger gradients are scaled down (0: no clipping).</summary>
    public double GradientClip { get; init; } = 100;
    /// <summary>
    /// Reduced energies u/kT above this are replaced by cap + ln(1 + u/kT − cap) (and their gradients
    /// scaled to match), so a few overlapping samples cannot dominate the loss (Noé et al. 2019).
    /// </summary>
    public double EnergyCap { get; init; } = 1e3;
    public required ulong Seed { get; init; }

    public IReadOnlyList<double> EnergyTemperatures => Temperatures.Count > 0 ? Temperatures : [KT];
}
