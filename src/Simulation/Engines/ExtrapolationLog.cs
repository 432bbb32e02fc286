using MatSim.Simulation.Energy;
using MatSim.Simulation.Jobs;

namespace MatSim.Simulation.Engines;

/// <summary>
/// The production loop's record of the models in an engine's energy that were evaluated outside their domain (learned
/// models beyond their training range, <see cref="IDomainWatch"/>): a log warning at each checkpoint where the counts
/// grew, the counts kept in checkpoints and restored on resume.
/// </summary>
internal sealed class ExtrapolationLog(IBoundEnergy energy)
{
    private const string ValuesKey = "extrapolation_values:", EvaluationsKey = "extrapolation_evaluations:";
    private readonly IDomainWatch[] watches = DomainWatches.In(energy).ToArray();
    private long reportedEvaluations;

    public void Save(Checkpoint checkpoint)
    {
        for (int k = 0; k < watches.Length; k++)
        {
            checkpoint.Values[ValuesKey + k] = watches[k].Excursions.Values;
            checkpoint.Values[EvaluationsKey + k] = watches[k].Excursions.Evaluations;
        }
    }

    public void Restore(Checkpoint checkpoint)
    {
        for (int k = 0; k < watches.Length; k++)
            watches[k].Excursions = new DomainExcursions((long)checkpoint.Values.GetValueOrDefault(ValuesKey + k),
                (long)checkpoint.Values.GetValueOrDefault(EvaluationsKey + k));
        reportedEvaluations = Evaluations;
    }

    /// <summary>A warning per model evaluated outside its domain, when any was since the last report.</summary>
    public void Report(RunLog log, string label)
    {
        if (Evaluations == reportedEvaluations) return;
        reportedEvaluations = Evaluations;
        foreach (IDomainWatch watch in watches.Where(w => w.Excursions.Evaluations > 0))
            log.Warning($"{label}extrapolation: {watch.Name} met {watch.Excursions.Values} values outside its training range " +
                $"in {watch.Excursions.Evaluations} evaluation(s) so far; latest: {watch.Latest}. Its energies and forces there are extrapolations: " +
                "add such configurations to its training data, or set max_extrapolation_warnings to stop such runs");
    }

    private long Evaluations => watches.Sum(w => w.Excursions.Evaluations);
}
