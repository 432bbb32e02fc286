using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Torch;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using MatSim.Potentials.AtomCentred;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// A Behler–Parrinello high-dimensional neural-network potential (Behler &amp; Parrinello, PRL 98,
/// 146401 (2007)): E = Σ_i E_element(i)(scaled G_i). Forces by the chain rule: the networks give
/// dE/dG (autograd through the network only), the symmetry functions' analytic derivatives turn
/// them into forces and the virial without storing dG/dr.
/// </summary>
public sealed class NeuralNetworkPotential : IAtomCentredModel, IDisposable
{
    public string Name => "nnp";
    public DescriptorSet Descriptors { get; }
    public SymmetryFunctionScaling Scaling { get; }
    public AtomicNetwork[] Networks { get; }
    public EnergyNormalization Normalization { get; }
    /// <summary>Units of the model's files (and of n2p2 data used with it).</summary>
    public ModelUnits Units { get; }
    public Device Device { get; }
    /// <summary>Where the model came from: training data, seed, software (free-form key/value).</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    public NeuralNetworkPotential(DescriptorSet descriptors, SymmetryFunctionScaling scaling, AtomicNetwork[] networks,
        EnergyNormalization normalization, ModelUnits units, Device device)
    {
        Descriptors = descriptors;
        Scaling = scaling;
        Networks = networks;
        Normalization = normalization;
        Units = units;
        Device = device;
    }

    /// <summary>Creates networks with zero parameters for the given architectures, on a device.</summary>
    public static AtomicNetwork[] CreateNetworks(DescriptorSet descriptors, IReadOnlyList<NetworkArchitecture> architectures, Device device)
    {
        TorchRuntime.EnsureAvailable();
        var networks = new AtomicNetwork[descriptors.Elements.Length];
        for (int e = 0; e < networks.Length; e++)
        {
            if (architectures[e].Layers[0] != descriptors.CountOf(e))
                throw new ArgumentException($"the {descriptors.Elements[e].Symbol} network has {architectures[e].Layers[0]} inputs but {descriptors.CountOf(e)} symmetry functions");
            networks[e] = new AtomicNetwork(descriptors.Elements[e].Symbol, architectures[e], device);
        }
        return networks;
    }

    /// <summary>
    /// Energy (and forces and virial) of atoms in a cell (null: a cluster). On the CPU with forces,
    /// descriptors, networks and forces run in one sweep per atom (<see cref="CompiledNetwork"/>);
    /// otherwise the networks run batched in TorchSharp on the model's device.
    /// </summary>
    public AtomCentredPrediction Predict(Cell? cell, ReadOnlySpan<Vec3> positions, IReadOnlyList<Element> elements, bool forces = true) =>
        Predict(cell, positions, DescriptorCalculator.ElementIndices(Descriptors, elements), forces);

    /// <summary>As <see cref="Predict(Cell?, ReadOnlySpan{Vec3}, IReadOnlyList{Element}, bool)"/> with element indices already resolved.</summary>
    public AtomCentredPrediction Predict(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, bool forces = true)
    {
        if (forces && Device.type == DeviceType.CPU) return PredictFused(cell, positions, elementOfAtom);
        return Predict(DescriptorCalculator.Compute(Descriptors, cell, positions, elementOfAtom), forces);
    }

    private AtomCentredPrediction PredictFused(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom)
    {
        StructureDescriptors descriptors = DescriptorCalculator.Prepare(Descriptors, cell, positions, elementOfAtom);
        // compiled per call (microseconds), so in-place changes of the modules' weights are always seen
        CompiledNetwork[] compiled = Networks.Select(n => new CompiledNetwork(n)).ToArray();
        var atomEnergies = new double[descriptors.AtomCount];
        var forces = new Vec3[descriptors.AtomCount];
        Mat3 virial = descriptors.EvaluateAtomic(() => new CompiledAtomicEnergy(this, compiled), atomEnergies, forces);
        double energy = 0;
        foreach (double a in atomEnergies) energy += a;
        return new AtomCentredPrediction(energy, forces, virial, atomEnergies, descriptors);
    }

    /// <summary>Scaled descriptors → element network → physical energy, with dE/dG (one instance per thread).</summary>
    private sealed class CompiledAtomicEnergy(NeuralNetworkPotential model, CompiledNetwork[] networks) : IAtomicEnergy
    {
        private readonly CompiledNetwork.Scratch[] scratch = model.Networks.Select(n => new CompiledNetwork.Scratch(n.Architecture)).ToArray();
        // eV per network unit and per-element shifts, resolved once per thread (unit names are parsed)
        private readonly double scale = model.Normalization.Scale(model.Units);
        private readonly double[] shift = model.Networks.Select((_, e) => model.Normalization.Shift(model.Units, e)).ToArray();
        private double[] scaled = new double[64];

        public double Evaluate(int element, ReadOnlySpan<double> descriptors, Span<double> gradient)
        {
            if (scaled.Length < descriptors.Length) scaled = new double[descriptors.Length];
            Span<double> input = scaled.AsSpan(0, descriptors.Length);
            descriptors.CopyTo(input);
            model.Scaling.Apply(element, input);
            double output = networks[element].Evaluate(input, gradient, scratch[element]);
            ReadOnlySpan<double> factors = model.Scaling.Factors(element);
            for (int k = 0; k < gradient.Length; k++) gradient[k] *= scale * factors[k];
            return scale * output + shift[element];
        }
    }

    /// <summary>The prediction from descriptors already computed.</summary>
    public AtomCentredPrediction Predict(StructureDescriptors descriptors, bool forces = true)
    {
        var atomEnergies = new double[descriptors.AtomCount];
        double[][]? weights = forces ? new double[Descriptors.Elements.Length][] : null;
        double scale = Normalization.Scale(Units);
        for (int e = 0; e < Descriptors.Elements.Length; e++)
        {
            ReadOnlySpan<int> atoms = descriptors.AtomsOf(e);
            if (weights != null) weights[e] = new double[descriptors.Values[e].Length];
            if (atoms.Length == 0 || !Descriptors.IsCentre(e)) continue;   // a neighbour-only element has no energy
            (double[] energies, double[]? gradient) = EvaluateElement(e, descriptors.Values[e], atoms.Length, forces);
            double shift = Normalization.Shift(Units, e);
            for (int row = 0; row < atoms.Length; row++) atomEnergies[atoms[row]] = scale * energies[row] + shift;
            if (gradient == null) continue;
            ReadOnlySpan<double> factors = Scaling.Factors(e);
            int n = factors.Length;
            for (int k = 0; k < gradient.Length; k++) weights![e][k] = scale * factors[k % n] * gradient[k];
        }
        Vec3[]? force = null;
        Mat3 virial = Mat3.Zero;
        if (weights != null)
        {
            force = new Vec3[descriptors.AtomCount];
            virial = descriptors.Backward(weights, force);
        }
        double energy = 0;
        foreach (double a in atomEnergies) energy += a;
        return new AtomCentredPrediction(energy, force, virial, atomEnergies, descriptors);
    }

    /// <summary>Compiled copies of the networks (one network call per atom, no tensors), frozen at the present weights.</summary>
    public IAtomicEnergy AtomicEnergy() => new CompiledAtomicEnergy(this, Networks.Select(n => new CompiledNetwork(n)).ToArray());

    /// <summary>Networks carry no uncertainty here (train an ensemble or a kernel model for one).</summary>
    public double EnergyVariance(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom) => 0;

    /// <summary>Network energies (network units) of the atoms of one element and, if asked, dE_nn/dG' per row.</summary>
    private (double[] Energies, double[]? Gradient) EvaluateElement(int element, double[] values, int rows, bool gradient)
    {
        int n = Descriptors.CountOf(element);
        var scaled = (double[])values.Clone();
        Scaling.Apply(element, scaled);
        using var scope = NewDisposeScope();
        Tensor input = tensor(scaled, [rows, n], ScalarType.Float64).to(Device);
        if (!gradient)
        {
            using var noGrad = no_grad();
            return (Networks[element].forward(input).cpu().data<double>().ToArray(), null);
        }
        input.requires_grad_(true);
        Tensor energies = Networks[element].forward(input);
        Tensor grad = autograd.grad([energies.sum()], [input])[0];
        return (energies.detach().cpu().data<double>().ToArray(), grad.cpu().data<double>().ToArray());
    }

    public void Dispose()
    {
        foreach (AtomicNetwork network in Networks) network.Dispose();
    }
}
