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
            ReferenceSettings.XtbOptions), GetType().Assembly);
        registry.Describe(ComponentKind.ReferenceCalculator, new DescribedComponent("model",
            "any MatSim energy model as a cheap stand-in teacher", ReferenceSettings.ModelOptions), GetType().Assembly);
    }
}
