using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;
using MatSim.Potentials.AtomCentred;

namespace MatSim.TestSupport;

/// <summary>
/// Reference data for training tests: configurations of a small periodic water box sampled by
/// MatSim's own Langevin MD driven by n2p2's water model, labelled by the same model (energy and
/// forces of each saved frame).
/// </summary>
public static class WaterData
{
    /// <summary>Writes <paramref name="frames"/> labelled frames, <paramref name="stride"/> MD steps apart, to an extended XYZ file.</summary>
    public static string Generate(string folder, int frames, int stride, double edge = 9.9, ulong seed = 7)
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure start = SmallWater.Box(edge);
        ParticleSystem system = SystemBuilder.FromStructure(start);
        var energy = new NeuralNetworkEnergy(model).Bind(system);
        var md = new MolecularDynamicsEngine(system, energy, Units.FemtosecondsToInternal(0.5),
            new ThermostatOptions(ThermostatKind.Langevin, 300, Units.FemtosecondsToInternal(50)), new Rng(seed));
        md.InitializeVelocities(300);
        for (int i = 0; i < 200; i++) md.Advance();
        var labelled = new List<ExtXyzFrame>();
        while (labelled.Count < frames)
        {
            for (int i = 0; i < stride; i++) md.Advance();
            Structure s = system.ToStructure();
            AtomCentredPrediction p = model.Predict(s.Cell, s.Positions, s.Elements);
            labelled.Add(new ExtXyzFrame { Structure = s, Energy = p.Energy, Forces = p.Forces, Stress = -1.0 / s.Cell!.Volume * p.Virial });
        }
        string path = Path.Combine(folder, "water-md.xyz");
        ExtXyzWriter.WriteFile(path, labelled);
        return path;
    }

    /// <summary>Quick data: the small box with Gaussian displacements (σ in Å), labelled by the model.</summary>
    public static string Perturbed(string folder, int frames, double sigma = 0.06, ulong seed = 3, double edge = 9.9)
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure start = SmallWater.Box(edge);
        var rng = new Rng(seed);
        var labelled = new List<ExtXyzFrame>();
        for (int f = 0; f < frames; f++)
        {
            Vec3[] positions = start.Positions.Select(r => r + sigma * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())).ToArray();
            Structure s = start.WithPositions(positions);
            AtomCentredPrediction p = model.Predict(s.Cell, s.Positions, s.Elements);
            labelled.Add(new ExtXyzFrame { Structure = s, Energy = p.Energy, Forces = p.Forces });
        }
        string path = Path.Combine(folder, "water-perturbed.xyz");
        ExtXyzWriter.WriteFile(path, labelled);
        return path;
    }
}
