using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The neighbours of one central atom within its element's cutoff ("slots"): atom index, element
/// index, atomic number, displacement r_j − r_i (Å) and distance. Scratch reused across atoms;
/// the kernels add dE/d(displacement) per slot into <see cref="Gradient"/> and read a direction per
/// slot from <see cref="Direction"/>.
/// </summary>
internal sealed class NeighborEnvironment
{
    public int Count;
    public int[] Atom = new int[64];
    public int[] Element = new int[64];
    public double[] AtomicNumber = new double[64];
    public Vec3[] Displacement = new Vec3[64];
    public double[] Distance = new double[64];
    public Vec3[] Gradient = new Vec3[64];
    public Vec3[] Direction = new Vec3[64];

    public void Clear() => Count = 0;

    public void Add(int atom, int element, double atomicNumber, Vec3 displacement, double distance)
    {
        if (Count == Atom.Length)
        {
            int size = 2 * Count;
            Array.Resize(ref Atom, size);
            Array.Resize(ref Element, size);
            Array.Resize(ref AtomicNumber, size);
            Array.Resize(ref Displacement, size);
            Array.Resize(ref Distance, size);
            Array.Resize(ref Gradient, size);
            Array.Resize(ref Direction, size);
        }
        Atom[Count] = atom;
        Element[Count] = element;
        AtomicNumber[Count] = atomicNumber;
        Displacement[Count] = displacement;
        Distance[Count] = distance;
        Count++;
    }
}
