using System.Diagnostics;
using System.Text.Json.Nodes;
using MatSim.Sampling.Flows;
using MatSim.Sampling.MonteCarlo;
using MatSim.Sampling.Targets;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Statistics;

namespace MatSim.Sampling.Jobs;

/// <summary>
/// The `mc:` part of a sampling run: a chain mixing flow and local moves against one of local moves only,
/// from the same start: transitions between the states of the order parameter per energy call and per
/// second, state populations (the detailed-balance check), ⟨u⟩ and acceptance ratios.
/// </summary>
internal static class ChainComparison
{
    /// <summary>Runs both chains; null ratios when the local chain never crossed (the ratio is then only bounded below).</summary>
    public static JsonObject Run(SamplingSettings settings, NormalizingFlow flow, RunContext context)
    {
        ITargetEnergy target = settings.Target.Energy;
        double kT = settings.Target.KT;
        FlowMcSettings mc = settings.Mc!;
        JsonObject Chain(NormalizingFlow? f, double probability, long steps, ulong stream)
        {
            var clock = Stopwatch.StartNew();
            using var chain = new FlowMonteCarlo(target, kT, settings.Target.Start(0), f, probability, settings.Reference.Step, settings.Seed ^ stream);
            var energy = new BlockAverage(20, steps);
            OrderParameter? order = settings.Order;
            var population = new BlockAverage(20, steps);
            var transitions = order == null ? null : new WellTransitions(order.Low, order.High);
            for (long s = 0; s < steps; s++)
            {
                if ((s & 0xFFF) == 0) context.Cancellation.ThrowIfCancellationRequested();
                chain.Step();
                energy.Add(chain.Energy);
                if (order == null) continue;
                double value = chain.Position[order.Coordinate];
                population.Add(value >= order.Boundary ? 1 : 0);
                transitions!.Observe(value);
            }
            var result = new JsonObject
            {
                ["steps"] = steps,
                ["energy_calls"] = chain.EnergyEvaluations,
                ["seconds"] = clock.Elapsed.TotalSeconds,
                ["local_acceptance"] = chain.Local.AcceptanceRatio,
                ["flow_moves"] = chain.Flow.Attempted,
                ["flow_acceptance"] = chain.Flow.AcceptanceRatio,
                ["mean_energy"] = energy.Result.Mean,
                ["mean_energy_error"] = energy.Result.StandardError,
            };
            if (transitions != null)
            {
                result["transitions"] = transitions.Count;
                result["transitions_per_energy_call"] = (double)transitions.Count / chain.EnergyEvaluations;
                result["transitions_per_second"] = transitions.Count / clock.Elapsed.TotalSeconds;
                result["second_state_population"] = population.Result.Mean;
                result["second_state_population_error"] = population.Result.StandardError;
            }
            context.Log.Info($"{(f == null ? "local MC" : "flow + local MC")}: {steps} steps, ⟨u⟩ = {energy.Result}, " +
                $"acceptance local {chain.Local.AcceptanceRatio:P1} / flow {chain.Flow.AcceptanceRatio:P1}" +
                (transitions != null ? $", {transitions.Count} transitions, population {population.Result}" : ""));
            return result;
        }
        var comparison = new JsonObject
        {
            ["flow_probability"] = mc.FlowProbability,
            ["flow"] = Chain(flow, mc.FlowProbability, mc.Steps, 0xF1),
            ["local"] = Chain(null, 0, mc.LocalSteps, 0x10),
        };
        if (settings.Order != null)
        {
            double flowRate = (double)comparison["flow"]!["transitions_per_energy_call"]!, localRate = (double)comparison["local"]!["transitions_per_energy_call"]!;
            // null when the local chain never crossed: the ratio is then only bounded below
            comparison["transition_rate_ratio_per_energy_call"] = localRate > 0 ? flowRate / localRate : null;
            double flowPerSecond = (double)comparison["flow"]!["transitions_per_second"]!, localPerSecond = (double)comparison["local"]!["transitions_per_second"]!;
            comparison["transition_rate_ratio_per_second"] = localPerSecond > 0 ? flowPerSecond / localPerSecond : null;
        }
        return comparison;
    }
}
