using System.Text.Json.Nodes;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;

namespace MatSim.Learning.KernelTraining;

/// <summary>
/// Errors of a kernel model on labelled structures and the calibration of its predictive
/// distribution: the fraction of errors within 1, 2 and 3 predicted σ, where σ² is the latent
/// variance plus the fitted noise (a calibrated Gaussian gives 68.3 %, 95.4 %, 99.7 %).
/// </summary>
public sealed record KernelTestMetrics(int Structures, double EnergyRmsePerAtom, double EnergyMaePerAtom, double ForceRmse, double ForceMae,
    double[] EnergyWithinSigmas, double[] ForceWithinSigmas, Predictions Predictions)
{
    public static KernelTestMetrics Evaluate(KernelPotential model, IReadOnlyList<LabelledStructure> test, bool calibration = true)
    {
        var referenceEnergy = new List<double>();
        var predictedEnergy = new List<double>();
        var referenceForces = new List<double>();
        var predictedForces = new List<double>();
        var energyZ = new List<double>();
        var forceZ = new List<double>();
        foreach (LabelledStructure s in test)
        {
            int n = s.Structure.Count, centres = model.Descriptors.CentreCount(s.Structure.Elements.Select(model.Descriptors.IndexOf));
            AtomCentredPrediction p = model.Predict(s.Structure.Cell, s.Structure.Positions, s.Structure.Elements);
            referenceEnergy.Add(s.Energy / centres);
            predictedEnergy.Add(p.Energy / centres);
            for (int i = 0; i < n; i++)
            {
                referenceForces.AddRange([s.Forces[i].X, s.Forces[i].Y, s.Forces[i].Z]);
                predictedForces.AddRange([p.Forces![i].X, p.Forces[i].Y, p.Forces[i].Z]);
            }
            if (!calibration) continue;
            KernelUncertainty u = model.Uncertainty(s.Structure.Cell, s.Structure.Positions, s.Structure.Elements, forces: true);
            double energySigma = Math.Sqrt(u.Energy * u.Energy + centres * model.EnergySigma * model.EnergySigma);
            energyZ.Add(Math.Abs(p.Energy - s.Energy) / energySigma);
            int first = predictedForces.Count - 3 * n;
            for (int k = 0; k < 3 * n; k++)
            {
                double sigma = Math.Sqrt(u.Forces![k] * u.Forces[k] + model.ForceSigma * model.ForceSigma);
                forceZ.Add(Math.Abs(predictedForces[first + k] - referenceForces[first + k]) / sigma);
            }
        }
        double[] Within(List<double> z) => z.Count == 0 ? [] : [.. new[] { 1.0, 2.0, 3.0 }.Select(k => z.Count(v => v <= k) / (double)z.Count)];
        return new KernelTestMetrics(test.Count, Rmse(referenceEnergy, predictedEnergy), Mae(referenceEnergy, predictedEnergy),
            Rmse(referenceForces, predictedForces), Mae(referenceForces, predictedForces), Within(energyZ), Within(forceZ),
            new Predictions([.. referenceEnergy], [.. predictedEnergy], [.. referenceForces], [.. predictedForces]));
    }

    /// <summary>The figures as JSON (meV/atom, meV/Å, fractions).</summary>
    public JsonObject ToJson() => new()
    {
        ["structures"] = Structures,
        ["energy_rmse_meV_per_atom"] = 1e3 * EnergyRmsePerAtom,
        ["energy_mae_meV_per_atom"] = 1e3 * EnergyMaePerAtom,
        ["force_rmse_meV_per_A"] = 1e3 * ForceRmse,
        ["force_mae_meV_per_A"] = 1e3 * ForceMae,
        ["energy_within_1_2_3_sigma"] = new JsonArray([.. EnergyWithinSigmas.Select(v => (JsonNode)v)]),
        ["force_within_1_2_3_sigma"] = new JsonArray([.. ForceWithinSigmas.Select(v => (JsonNode)v)]),
    };

    private static double Rmse(List<double> a, List<double> b) => a.Count == 0 ? 0 : Math.Sqrt(a.Select((x, i) => (x - b[i]) * (x - b[i])).Average());

    private static double Mae(List<double> a, List<double> b) => a.Count == 0 ? 0 : a.Select((x, i) => Math.Abs(x - b[i])).Average();
}
