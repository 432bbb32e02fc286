using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Torch;

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1) with every libtorch Scalar held by a variable until the call
/// that reads it returns. TorchSharp's own Adam divides by an implicit Scalar (<c>sqrt(v) / Math.Sqrt(c2)</c>)
/// that the GC may finalise while libtorch still reads it: "Expected false to be true … toDouble" under the
/// allocation load of several trainings in one process. Every call here passes all its Scalars explicitly (TorchSharp
/// fills omitted ones, such as the alpha of add_, with implicit temporaries). Same update as torch.optim.Adam without weight decay:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (η/(1−β₁ᵗ)) m / (√v/√(1−β₂ᵗ) + ε).
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly TorchSharp.Modules.Parameter[] parameters;
    private readonly Tensor[] firstMoments, secondMoments;
    private long step;

    public AdamOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
    {
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), "learning rate must be positive");
        this.parameters = parameters.ToArray();
        firstMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        LearningRate = learningRate;
    }

    public double LearningRate { get; set; }

    /// <summary>Steps taken so far (the t of the bias corrections).</summary>
    public long StepCount => step;

    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            using Tensor? gradient = p.grad;   // each access wraps the gradient anew: disposed here, not left to the finaliser
            gradient?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        step++;
        double correction1 = 1 - Math.Pow(Beta1, step), correction2 = 1 - Math.Pow(Beta2, step);
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var one = 1.0.ToScalar();
        using var stepSize = (-LearningRate / correction1).ToScalar();
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            using Tensor? gradient = parameters[i].grad;
            if (gradient is null) continue;
            firstMoments[i].mul_(beta1).add_(gradient, oneMinusBeta1);
            secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, oneMinusBeta2);
            using var denominator = secondMoments[i].sqrt();
            // add_(Scalar) alone would pass an implicit alpha = 1 Scalar, as exposed to the finaliser as any other
            denominator.div_(rootCorrection2).add_(epsilon, one);
            parameters[i].addcdiv_(firstMoments[i], denominator, stepSize);
        }
    }

    /// <summary>Writes the step count and both moments (for resuming a training exactly).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(step);
        writer.Write(parameters.Length);
        for (int i = 0; i < parameters.Length; i++)
        {
            firstMoments[i].Save(writer);
            secondMoments[i].Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote; the parameter count and shapes must match.</summary>
    public void Load(BinaryReader reader)
    {
        long savedStep = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count != parameters.Length)
            throw new InvalidDataException($"optimizer state holds {count} parameter tensors; this model has {parameters.Length}");
        for (int i = 0; i < parameters.Length; i++)
        {
            firstMoments[i].Load(reader);
            secondMoments[i].Load(reader);
        }
        step = savedStep;
    }

    public void Dispose()
    {
        foreach (var t in firstMoments) t.Dispose();
        foreach (var t in secondMoments) t.Dispose();
    }
}
