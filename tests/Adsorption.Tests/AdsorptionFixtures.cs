using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;
using MatSim.Adsorption.ForceFields;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.TestSupport;

namespace MatSim.Adsorption.Tests;

/// <summary>RASPA's inputs from ../shared (framework CIFs, force field, molecules) as MatSim reads them.</summary>
internal static class AdsorptionFixtures
{
    public static ForceField RaspaForceField() =>
        ForceFields.RaspaForceField.Read(Repository.RequireShared("data/raspa-forcefield/ExampleMOFsForceField"));

    public static MoleculeDefinition RaspaMolecule(string name, ForceField field) =>
        ForceFields.RaspaMolecule.Read(Repository.RequireShared($"data/raspa-forcefield/molecules/{name}.def"), field);

    public static CifStructure Framework(string name) => CifReader.ReadFile(Repository.RequireShared($"data/structures/mofs/{name}.cif"));

    /// <summary>RASPA's settings (shared/reference/raspa/README.md): LJ 12.8 Å shifted, Coulomb 12 Å, Ewald 1e-6, 1×1×1 cells.</summary>
    public static AdsorptionSystem System(string framework, params string[] guests)
    {
        ForceField field = RaspaForceField();
        CifStructure cif = Framework(framework);
        return AdsorptionSystem.Build(new AdsorptionOptions
        {
            Framework = cif,
            ForceField = field,
            Guests = guests.Select(g => RaspaMolecule(g, field)).ToArray(),
            Cutoff = 12.8,
            ChargeCutoff = 12.0,
            EwaldPrecision = 1e-6,
            Charges = cif.HasCharges ? ChargeSource.Cif : ChargeSource.None,
            UnitCells = new MatSim.Simulation.Geometry.Replication(1, 1, 1),
        });
    }

    /// <summary>RASPA quotes 95 % confidence intervals over 5 blocks: SEM = ci95 / 2.776.</summary>
    public static double StandardError(double ci95) => ci95 / 2.776;
}
