namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>What one sweep over an atom's neighbours computes.</summary>
internal enum KernelPass
{
    /// <summary>The symmetry-function values G.</summary>
    Values,
    /// <summary>Given w = dE/dG, dE/d(displacement) per neighbour slot (the vector–Jacobian product).</summary>
    Backward,
    /// <summary>Given a displacement direction per slot, the directional derivative of G (the Jacobian–vector product).</summary>
    Forward,
}
