using System.Globalization;
using MatSim.Simulation.Engines.MonteCarlo;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// Signs at the end of a production phase that its numbers mean little, said in the log rather than left to be
/// found in results.json: a move never accepted (a jammed or wrongly stepped system), an energy per molecule
/// no bound system has (overlapping atoms, a density or unit mistake).
/// </summary>
public static class ProductionWarnings
{
    /// <summary>Above this (eV per molecule) repulsion dominates: typical liquids and adsorbed phases lie between −1 and 0.</summary>
    public const double HighEnergyPerMolecule = 1.0;

    public static void Check(RunLog log, IEnumerable<MonteCarloMove> moves, double energyPerMolecule)
    {
        foreach (MonteCarloMove move in moves.Where(m => m.Attempts > 0 && m.Accepted == 0))
            log.Warning($"no {move.Name} move was accepted in the whole production phase ({move.Attempts} attempts): " +
                "the system is probably jammed (too dense, overlapping atoms) or the move cannot succeed; its averages are those of one state");
        Check(log, energyPerMolecule);
    }

    public static void Check(RunLog log, double energyPerMolecule)
    {
        if (energyPerMolecule > HighEnergyPerMolecule)
            log.Warning(string.Create(CultureInfo.InvariantCulture, $"the mean energy per molecule is {energyPerMolecule:G4} eV, far above what bound molecules have (−1 to 0 eV): check the density, the units of the inputs and the force-field parameters"));
    }
}
