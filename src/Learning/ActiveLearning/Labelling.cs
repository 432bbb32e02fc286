using MatSim.Learning.Calculators;
using MatSim.Learning.NetworkTraining;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.ActiveLearning;

/// <summary>A structure the reference could not label, and why.</summary>
public sealed record LabellingFailure(string Origin, string Reason);

/// <summary>Labels structures with the (cached) reference calculator, in parallel, recording failures instead of stopping.</summary>
public static class Labelling
{
    public static (List<LabelledStructure> Labelled, List<string> Origins, List<LabellingFailure> Failures) Run(
        CachedCalculator calculator, IReadOnlyList<(Structure Structure, string Origin)> structures, CancellationToken cancellation)
    {
        var results = new LabelledStructure?[structures.Count];
        var reasons = new string?[structures.Count];
        Parallel.For(0, structures.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, k =>
        {
            try
            {
                CalculatorResult r = calculator.Calculate(structures[k].Structure, cancellation);
                results[k] = new LabelledStructure(structures[k].Structure, r.Energy, r.Forces);
            }
            catch (CalculatorException e)
            {
                reasons[k] = e.Message;
            }
        });
        var labelled = new List<LabelledStructure>();
        var origins = new List<string>();
        var failures = new List<LabellingFailure>();
        for (int k = 0; k < structures.Count; k++)
        {
            if (results[k] is { } s)
            {
                labelled.Add(s);
                origins.Add(structures[k].Origin);
            }
            else failures.Add(new LabellingFailure(structures[k].Origin, reasons[k]!));
        }
        return (labelled, origins, failures);
    }
}
