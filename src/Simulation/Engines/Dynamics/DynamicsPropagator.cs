using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.Dynamics;

/// <summary>
/// Molecular dynamics in the production loop: a step is a time step; the virial is computed on the steps observers
/// sample (every <paramref name="sampleEvery"/> production steps); the conserved energy (kinetic + potential + what the
/// thermostat took) is followed from the first production step, its largest deviation the run's drift figure.
/// </summary>
public sealed class DynamicsPropagator(MolecularDynamicsEngine md, ParticleSystem system, long equilibration, long sampleEvery,
    Func<DynamicsPropagator, string> status) : IPropagator
{
    public MolecularDynamicsEngine Engine => md;
    public ParticleSystem System => system;
    public Energy.IBoundEnergy Energy => md.Energy;
    public long Step { get => md.Step; set => md.Step = value; }
    public ulong[] RandomState => md.RandomState;
    /// <summary>Largest |conserved − its value at the first production step| so far (eV).</summary>
    public double MaxConservedDeviation { get; private set; }
    private double conservedStart = double.NaN;

    public void Advance(bool production)
    {
        md.Advance(withVirial: production && (md.Step + 1 - equilibration) % sampleEvery == 0);
        if (!production) return;
        double conserved = md.PotentialEnergy + md.KineticEnergy + md.ThermostatEnergy;
        if (double.IsNaN(conservedStart)) conservedStart = conserved;
        MaxConservedDeviation = Math.Max(MaxConservedDeviation, Math.Abs(conserved - conservedStart));
    }

    public void Equilibrating(long step) { }

    public void Equilibrated() { }

    public double Resynchronise()
    {
        md.Resynchronize();
        return 0;
    }

    public Checkpoint Saved(Checkpoint checkpoint)
    {
        var velocities = new double[3 * system.Count];
        for (int a = 0; a < system.Count; a++)
            (velocities[3 * a], velocities[3 * a + 1], velocities[3 * a + 2]) = (md.Velocities[a].X, md.Velocities[a].Y, md.Velocities[a].Z);
        checkpoint.Values["thermostat_energy"] = md.ThermostatEnergy;
        checkpoint.Values["conserved_start"] = conservedStart;
        checkpoint.Values["max_conserved_deviation"] = MaxConservedDeviation;
        return checkpoint with { Velocities = velocities };
    }

    public void Restore(Checkpoint checkpoint)
    {
        md.Step = checkpoint.Step;
        for (int a = 0; a < system.Count; a++)
            md.Velocities[a] = new Vec3(checkpoint.Velocities![3 * a], checkpoint.Velocities[3 * a + 1], checkpoint.Velocities[3 * a + 2]);
        md.ThermostatEnergy = checkpoint.Values["thermostat_energy"];
        conservedStart = checkpoint.Values.GetValueOrDefault("conserved_start", double.NaN);
        MaxConservedDeviation = checkpoint.Values.GetValueOrDefault("max_conserved_deviation");
    }

    public string Status(double maxDrift) => status(this);
}
