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

    /// <param name="log">where the warnings go</param>
    /// <param name="moves">the moves, with their production statistics</param>
    /// <param name="where">what the line is about, e.g. "1 bar: " for one state point of an isotherm</param>
    public static void Moves(RunLog log, IEnumerable<MonteCarloMove> moves, string where = "")
    {
        foreach (MonteCarloMove move in moves.Where(m => m.Attempts > 0 && m.Accepted == 0))
            log.Warning($"{where}no {move.Name} move was accepted in the whole production phase ({move.Attempts} attempts): " +
                "the system is probably jammed (too dense, overlapping atoms) or the move cannot succeed there; its averages are those of one state");
    }

    public static void EnergyPerMolecule(RunLog log, double energyPerMolecule)
    {
        if (energyPerMolecule > HighEnergyPerMolecule)
            log.Warning(string.Create(CultureInfo.InvariantCulture, $"the mean energy per molecule is {energyPerMolecule:G4} eV, far above what bound molecules have (−1 to 0 eV): check the density, the units of the inputs and the force-field parameters"));
    }
}
