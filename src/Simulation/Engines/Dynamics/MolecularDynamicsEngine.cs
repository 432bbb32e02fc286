using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.Dynamics;

/// <summary>
/// Molecular dynamics of atoms (framework atoms stay fixed): velocity Verlet (NVE), Langevin BAOAB,
/// or velocity Verlet with stochastic velocity rescaling (CSVR). The conserved quantity is the
/// total energy plus the energy the thermostat took out. Rigid multi-atom molecules are not
/// integrated (use Monte Carlo for them).
/// </summary>
public sealed class MolecularDynamicsEngine
{
    private readonly ParticleSystem system;
    private readonly IBoundEnergy energy;

    /// <summary>The energy the forces come from.</summary>
    public IBoundEnergy Energy => energy;
    private readonly Rng rng;
    private readonly double[] inverseMass;
    private readonly EnergyEvaluation evaluation = new();
    private readonly int first;

    public double TimeStep { get; }
    public ThermostatOptions Thermostat { get; }
    public Vec3[] Velocities { get; }
    public long Step { get; set; }
    public double PotentialEnergy { get; private set; }
    public Mat3 Virial { get; private set; }
    /// <summary>Energy (eV) the thermostat has removed so far; total + this is conserved.</summary>
    public double ThermostatEnergy { get; set; }
    public int DegreesOfFreedom { get; }

    public MolecularDynamicsEngine(ParticleSystem system, IBoundEnergy energy, double timeStep, ThermostatOptions thermostat, Rng rng)
    {
        if (system.Species.Where((s, i) => system.CountOf(i) > 0).Any(s => !s.IsSingleAtom))
            throw new NotSupportedException("molecular dynamics of rigid multi-atom molecules is not supported; use Monte Carlo for them");
        this.system = system;
        this.energy = energy;
        this.rng = rng;
        TimeStep = timeStep;
        Thermostat = thermostat;
        first = system.FrameworkAtomCount;
        inverseMass = new double[system.Count];
        for (int a = first; a < system.Count; a++)
        {
            double mass = system.MassOf(a);
            if (!(mass > 0)) throw new ArgumentException($"atom {a} ({system.Types[system.TypeIndices[a]].Name}) has no mass");
            inverseMass[a] = 1 / mass;
        }
        Velocities = new Vec3[system.Count];
        int mobile = system.Count - first;
        DegreesOfFreedom = thermostat.Kind == ThermostatKind.Langevin || first > 0 ? 3 * mobile : 3 * mobile - 3;
        ComputeForces(EnergyRequest.ForcesAndVirial);
    }

    /// <summary>Maxwell–Boltzmann velocities at T (K), zero total momentum, scaled to exactly T.</summary>
    public void InitializeVelocities(double temperature)
    {
        double kT = Units.Units.Boltzmann * temperature;
        Vec3 momentum = Vec3.Zero;
        double totalMass = 0;
        for (int a = first; a < system.Count; a++)
        {
            double s = Math.Sqrt(kT * inverseMass[a]);
            Velocities[a] = new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian()) * s;
            momentum += Velocities[a] / inverseMass[a];
            totalMass += 1 / inverseMass[a];
        }
        if (first == 0)
            for (int a = 0; a < system.Count; a++) Velocities[a] -= momentum / totalMass;
        double current = Temperature;
        if (current > 0)
            for (int a = first; a < system.Count; a++) Velocities[a] *= Math.Sqrt(temperature / current);
    }

    public double KineticEnergy
    {
        get
        {
            double sum = 0;
            for (int a = first; a < system.Count; a++) sum += Velocities[a].LengthSquared / inverseMass[a];
            return 0.5 * sum;
        }
    }

    public double Temperature => 2 * KineticEnergy / (DegreesOfFreedom * Units.Units.Boltzmann);

    /// <summary>Instantaneous pressure (eV/Å³) from the kinetic energy and the virial of the last step.</summary>
    public double Pressure => (2 * KineticEnergy + Virial.Trace) / (3 * system.Cell!.Volume);

    /// <summary>One time step; the virial is computed when <paramref name="withVirial"/>.</summary>
    public void Advance(bool withVirial = false)
    {
        double dt = TimeStep;
        Span<Vec3> r = system.Positions;
        if (Thermostat.Kind == ThermostatKind.Langevin)
        {
            Kick(0.5 * dt);
            Drift(r, 0.5 * dt);
            OrnsteinUhlenbeck(dt);
            Drift(r, 0.5 * dt);
        }
        else
        {
            Kick(0.5 * dt);
            Drift(r, dt);
        }
        system.PositionsChanged();
        ComputeForces(withVirial ? EnergyRequest.ForcesAndVirial : EnergyRequest.Forces);
        Kick(0.5 * dt);
        if (Thermostat.Kind == ThermostatKind.Csvr) RescaleVelocities(dt);
        Step++;
    }

    private void ComputeForces(EnergyRequest request)
    {
        evaluation.Reset(system.Count, request);
        energy.Compute(evaluation);
        PotentialEnergy = evaluation.Energy;
        if ((request & EnergyRequest.Virial) != 0) Virial = evaluation.Virial;
    }

    private void Kick(double dt)
    {
        Span<Vec3> f = evaluation.Forces;
        for (int a = first; a < system.Count; a++) Velocities[a] += dt * inverseMass[a] * f[a];
    }

    private void Drift(Span<Vec3> r, double dt)
    {
        for (int a = first; a < r.Length; a++) r[a] += dt * Velocities[a];
    }

    // O step of BAOAB: v ← c1 v + sqrt((1 − c1²) k_B T / m) ξ, c1 = exp(−γ dt), γ = 1/τ. The kinetic
    // energy it changes is booked as thermostat energy, so that E + booked energy measures the
    // integration error (Bussi & Parrinello, Phys. Rev. E 75, 056707 (2007)).
    private void OrnsteinUhlenbeck(double dt)
    {
        double before = KineticEnergy;
        double c1 = Math.Exp(-dt / Thermostat.TimeConstant);
        double noise = Math.Sqrt((1 - c1 * c1) * Units.Units.Boltzmann * Thermostat.Temperature);
        for (int a = first; a < system.Count; a++)
        {
            double s = noise * Math.Sqrt(inverseMass[a]);
            Velocities[a] = c1 * Velocities[a] + s * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian());
        }
        ThermostatEnergy += before - KineticEnergy;
    }

    // Bussi et al. (2007), eq. (A7): draws the new kinetic energy of the canonical Ornstein–Uhlenbeck
    // process for K with relaxation time τ and rescales all velocities to it.
    private void RescaleVelocities(double dt)
    {
        double kinetic = KineticEnergy;
        if (kinetic <= 0) return;
        int nf = DegreesOfFreedom;
        double target = 0.5 * nf * Units.Units.Boltzmann * Thermostat.Temperature;
        double c = Math.Exp(-dt / Thermostat.TimeConstant);
        double r1 = rng.NextGaussian();
        double rest = nf > 1 ? 2 * rng.NextGamma(0.5 * (nf - 1)) : 0;
        double updated = kinetic * c + target / nf * (1 - c) * (r1 * r1 + rest) + 2 * r1 * Math.Sqrt(c * (1 - c) * target * kinetic / nf);
        double scale = Math.Sqrt(updated / kinetic);
        for (int a = first; a < system.Count; a++) Velocities[a] *= scale;
        ThermostatEnergy += kinetic - updated;
    }

    /// <summary>
    /// Rebuilds the energy model's caches and recomputes the forces from scratch, as a restart
    /// does, so that a run resumed from a checkpoint taken here continues bit for bit.
    /// </summary>
    public void Resynchronize()
    {
        energy.Refresh();
        ComputeForces(EnergyRequest.ForcesAndVirial);
    }

    /// <summary>The random stream's state, for checkpoints.</summary>
    public ulong[] RandomState => rng.State;

    /// <summary>Forces of the current state (eV/Å).</summary>
    public ReadOnlySpan<Vec3> Forces => evaluation.Forces;
}
