using MatSim.Torch;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MatSim.Torch.Tests;

public class AdamOptimizerTests
{
    private static Tensor Loss(TorchSharp.Modules.Parameter p, Tensor target) => (p - target).square().sum() + p.pow(4).sum();

    /// <summary>Against Algorithm 1 of Kingma &amp; Ba written out in plain doubles, gradient 2(p − t) + 4p³ by hand.</summary>
    [Fact]
    public void Follows_the_published_update_step_by_step()
    {
        double[] goal = [1.5, -0.7, 0.2];
        using var target = tensor(goal, ScalarType.Float64);
        using var ours = new TorchSharp.Modules.Parameter(zeros(3, ScalarType.Float64));
        using var adam = new AdamOptimizer([ours], 0.05);
        double[] p = new double[3], m = new double[3], v = new double[3];
        for (int t = 1; t <= 200; t++)
        {
            double rate = t > 100 ? 0.01 : 0.05;
            adam.LearningRate = rate;
            adam.ZeroGrad();
            Loss(ours, target).backward();
            adam.Step();
            for (int i = 0; i < 3; i++)
            {
                double g = 2 * (p[i] - goal[i]) + 4 * p[i] * p[i] * p[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                p[i] -= rate * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }
        double[] a = ours.data<double>().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(p[i], a[i], 1e-9);
        Assert.True(Math.Abs(a[0]) > 0.1, "the parameters moved");
        Assert.Equal(200, adam.StepCount);
    }

    [Fact]
    public void Saved_state_resumes_the_same_trajectory()
    {
        using var target = tensor(new[] { 0.3, 0.9 }, ScalarType.Float64);
        using var straight = new TorchSharp.Modules.Parameter(zeros(2, ScalarType.Float64));
        using var resumed = new TorchSharp.Modules.Parameter(zeros(2, ScalarType.Float64));
        using var first = new AdamOptimizer([straight], 0.1);
        using var second = new AdamOptimizer([resumed], 0.1);
        var stream = new MemoryStream();
        for (int step = 0; step < 20; step++)
        {
            first.ZeroGrad();
            Loss(straight, target).backward();
            first.Step();
            if (step < 10)
            {
                second.ZeroGrad();
                Loss(resumed, target).backward();
                second.Step();
            }
            if (step == 9)
            {
                second.Save(new BinaryWriter(stream));
                using var scramble = new AdamOptimizer([resumed], 0.1);
                stream.Position = 0;
                scramble.Load(new BinaryReader(stream));
                Assert.Equal(10, scramble.StepCount);
            }
        }
        stream.Position = 0;
        using var continued = new AdamOptimizer([resumed], 0.1);
        continued.Load(new BinaryReader(stream));
        for (int step = 10; step < 20; step++)
        {
            continued.ZeroGrad();
            Loss(resumed, target).backward();
            continued.Step();
        }
        Assert.Equal(straight.data<double>().ToArray(), resumed.data<double>().ToArray());
    }

    [Fact]
    public void State_for_another_model_is_refused()
    {
        using var one = new TorchSharp.Modules.Parameter(zeros(2, ScalarType.Float64));
        using var two = new TorchSharp.Modules.Parameter(zeros(2, ScalarType.Float64));
        var stream = new MemoryStream();
        new AdamOptimizer([one], 0.1).Save(new BinaryWriter(stream));
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => new AdamOptimizer([one, two], 0.1).Load(new BinaryReader(stream)));
        Assert.Contains("1 parameter tensors", error.Message);
    }
}
