using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;

namespace MatSim.Learning.Calculators;

/// <summary>
/// Any MatSim energy model as a reference calculator (a cheap "teacher", e.g. n2p2's water network
/// standing in for DFT). Every atom is treated as moving; <paramref name="settings"/> must identify
/// the model (e.g. its file and units) for caching.
/// </summary>
public sealed class PotentialCalculator(IEnergyModel model, string settings) : IReferenceCalculator
{
    public string Name => $"matsim:{model.Name}";
    public string Settings => settings;

    public CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        ParticleSystem system = SystemBuilder.FromStructure(new Structure(structure.Cell, structure.Elements, structure.Positions));
        EnergyEvaluation evaluation = model.Bind(system).Evaluate(system, EnergyRequest.ForcesAndVirial);
        Mat3? stress = structure.Cell is { } cell ? -1.0 / cell.Volume * evaluation.Virial : null;
        return new CalculatorResult(evaluation.Energy, evaluation.Forces.ToArray(), stress, new Dictionary<string, string> { ["model"] = model.Name });
    }
}
