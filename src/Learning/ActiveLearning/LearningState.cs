using System.Text.Json;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.ExtXyz;

namespace MatSim.Learning.ActiveLearning;

/// <summary>One point of a learning curve: test errors after training on some number of reference calls.</summary>
public sealed record CurvePoint(string Selection, int Iteration, int ReferenceCalls, int TrainingStructures, double EnergyRmseMeVPerAtom,
    double ForceRmseMeVPerA, double ForceWithin2Sigma, int Selected, double MaxCandidateForceSigmaMeVPerA);

/// <summary>
/// What an active-learning run has done so far, saved after every iteration (atomically:
/// labelled.extxyz first, then state.json, which says how many of its frames count): a killed run
/// resumes from the last completed iteration.
/// </summary>
public sealed class LearningState
{
    public string ConfigHash { get; set; } = "";
    /// <summary>Iterations whose candidates have been labelled.</summary>
    public int CompletedIterations { get; set; }
    public int ReferenceCalls { get; set; }
    public int LabelledCount { get; set; }
    public List<string> Origins { get; set; } = [];
    public List<CurvePoint> Curve { get; set; } = [];
    public List<LabellingFailure> Failures { get; set; } = [];
    public string? StopReason { get; set; }

    public const string FileName = "state.json", LabelledFileName = "labelled.extxyz";

    public void Save(string folder, IReadOnlyList<LabelledStructure> labelled)
    {
        LabelledCount = labelled.Count;
        ExtXyzWriter.WriteFile(Path.Combine(folder, LabelledFileName), labelled.Select((s, k) => new ExtXyzFrame
        {
            Structure = s.Structure,
            Energy = s.Energy,
            Forces = s.Forces,
            Info = new Dictionary<string, string> { ["origin"] = Origins[k] },
        }).ToList());
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The saved state of the same configuration, with its labelled structures, or null.</summary>
    public static (LearningState State, List<LabelledStructure> Labelled)? Load(string folder, string configHash)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        LearningState? state = JsonSerializer.Deserialize<LearningState>(File.ReadAllText(path));
        if (state == null || state.ConfigHash != configHash) return null;
        List<LabelledStructure> labelled = state.LabelledCount == 0 ? [] :
            ReferenceData.Load(Path.Combine(folder, LabelledFileName), ModelUnits.AngstromEv).Take(state.LabelledCount).ToList();
        return (state, labelled);
    }
}
