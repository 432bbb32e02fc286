using MatSim.Learning.ActiveLearning;
using MatSim.Learning.Calculators;
using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Simulation.Plugins;

namespace MatSim.Learning;

/// <summary>What the learning project adds to MatSim: the training, reference-MD and active-learning jobs and the reference calculators.</summary>
public sealed class LearningModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new NnpTrainingJobFactory());
        registry.Register(new KernelTrainingJobFactory());
        registry.Register(new ReferenceDynamicsJobFactory());
        registry.Register(new LearningJobFactory(registry.EnergyModels));
        registry.Describe(ComponentKind.ReferenceCalculator, new DescribedComponent("xtb",
            "GFN-xTB through the `xtb` program, run in its own folder with a time limit; results cached by structure hash",
            [new("executable", "", "xtb", "program path"), new("method", "", "2", "GFN method 0, 1 or 2"), new("charge", "e", "0", "total charge"),
                new("unpaired_electrons", "", "0", "number of unpaired electrons"),
                new("time_limit", "fs…min", "5 min", "per calculation"), new("attempts", "", "2", "tries before a failure is recorded")]), GetType().Assembly);
        registry.Describe(ComponentKind.ReferenceCalculator, new DescribedComponent("model",
            "any MatSim energy model as a cheap stand-in teacher",
            [new("energy", "", null, "an energy list as in mc/md"), new("time_limit", "fs…min", "5 min", "per calculation"),
                new("attempts", "", "2", "tries before a failure is recorded")]), GetType().Assembly);
    }
}
