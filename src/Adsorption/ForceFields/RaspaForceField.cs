using System.Globalization;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.ForceFields;

/// <summary>
/// Reads a RASPA force-field folder unchanged: <c>pseudo_atoms.def</c> (masses, charges, elements),
/// <c>force_field_mixing_rules.def</c> (shifted/truncated, tail corrections, per-type Lennard-Jones
/// with '_' wildcards, the mixing rule) and, when present, <c>force_field.def</c> (explicit pairs).
/// Energies in RASPA files are ε/k_B in K, lengths in Å, charges in e, masses in u.
/// </summary>
public static class RaspaForceField
{
    public static ForceField Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new InputException(new SourceLocation(directory), "force-field folder not found");
        string mixingPath = Path.Combine(directory, "force_field_mixing_rules.def");
        if (!File.Exists(mixingPath)) throw new InputException(new SourceLocation(mixingPath), "missing: a RASPA force field needs force_field_mixing_rules.def");
        // RASPA itself stops without it: it holds every atom's charge, and without it the guests would be silently neutral
        string pseudoPath = Path.Combine(directory, "pseudo_atoms.def");
        if (!File.Exists(pseudoPath)) throw new InputException(new SourceLocation(pseudoPath), "missing: a RASPA force field needs pseudo_atoms.def (masses and charges of its atom types)");
        ForceField field = ReadMixingRules(mixingPath, ReadPseudoAtoms(pseudoPath));
        string pairPath = Path.Combine(directory, "force_field.def");
        if (File.Exists(pairPath)) field = ReadOverrides(pairPath, field);
        return field with { Name = Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)) };
    }

    /// <summary>The meaningful lines of a RASPA file: (line number, fields), comments and '//' tails removed.</summary>
    private static List<(int Line, string[] Fields)> Lines(string path)
    {
        var lines = new List<(int, string[])>();
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string text = raw;
            int comment = text.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) text = text[..comment];
            text = text.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            lines.Add((number, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
        return lines;
    }

    private static double Number(string path, int line, string text, string what) =>
        NumberText.TryParse(text, out double value) ? value : throw new InputException(path, line, $"{what} '{text}' is not a number");

    private static Dictionary<string, ForceFieldEntry> ReadPseudoAtoms(string path)
    {
        var lines = Lines(path);
        if (lines.Count == 0 || !int.TryParse(lines[0].Fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new InputException(path, lines.Count > 0 ? lines[0].Line : 1, "expected the number of pseudo atoms");
        if (lines.Count - 1 < count) throw new InputException(path, lines[^1].Line, $"{count} pseudo atoms announced, {lines.Count - 1} given");
        var entries = new Dictionary<string, ForceFieldEntry>(StringComparer.Ordinal);
        foreach (var (line, f) in lines.Skip(1).Take(count))
        {
            if (f.Length < 7) throw new InputException(path, line, "expected: type print as chem oxidation mass charge ...");
            entries[f[0]] = new ForceFieldEntry(null, Number(path, line, f[6], "charge"), Number(path, line, f[5], "mass"), $"pseudo_atoms.def:{line}");
        }
        return entries;
    }

    private static ForceField ReadMixingRules(string path, Dictionary<string, ForceFieldEntry> pseudo)
    {
        var lines = Lines(path);
        if (lines.Count < 3) throw new InputException(path, 1, "expected: shifted|truncated, yes|no (tail corrections), the number of interactions");
        string mode = lines[0].Fields[0].ToLowerInvariant();
        if (mode is not ("shifted" or "truncated")) throw new InputException(path, lines[0].Line, $"'{lines[0].Fields[0]}': expected shifted or truncated");
        string tail = lines[1].Fields[0].ToLowerInvariant();
        if (tail is not ("yes" or "no")) throw new InputException(path, lines[1].Line, $"'{lines[1].Fields[0]}': expected yes or no (tail corrections)");
        if (!int.TryParse(lines[2].Fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new InputException(path, lines[2].Line, "expected the number of defined interactions");
        if (lines.Count < 3 + count) throw new InputException(path, lines[^1].Line, $"{count} interactions announced, {lines.Count - 3} given");
        var types = new Dictionary<string, ForceFieldEntry>(pseudo, StringComparer.Ordinal);
        var patterns = new List<ForceFieldPattern>();
        foreach (var (line, f) in lines.Skip(3).Take(count))
        {
            if (f.Length < 2) throw new InputException(path, line, "expected: type interaction parameters");
            LennardJonesPair? lj = f[1].ToLowerInvariant() switch
            {
                "lennard-jones" when f.Length >= 4 => new LennardJonesPair(Number(path, line, f[2], "epsilon") * U.Boltzmann, Number(path, line, f[3], "sigma")),
                "lennard-jones" => throw new InputException(path, line, "lennard-jones needs epsilon/kB (K) and sigma (A)"),
                "none" => null,
                _ => throw new InputException(path, line, $"interaction '{f[1]}' is not supported; MatSim reads lennard-jones and none"),
            };
            var entry = new ForceFieldEntry(lj, Source: $"force_field_mixing_rules.def:{line}");
            if (f[0].EndsWith('_'))
            {
                patterns.Add(new ForceFieldPattern(f[0].TrimEnd('_'), entry));
            }
            else
            {
                ForceFieldEntry? known = types.GetValueOrDefault(f[0]);
                types[f[0]] = entry with { Charge = known?.Charge, Mass = known?.Mass };
            }
        }
        MixingRule mixing = MixingRule.LorentzBerthelot;
        if (lines.Count > 3 + count)
        {
            var (line, f) = lines[3 + count];
            mixing = f[0].ToLowerInvariant() switch
            {
                "lorentz-berthelot" => MixingRule.LorentzBerthelot,
                "jorgensen" => MixingRule.Jorgensen,
                _ => throw new InputException(path, line, $"mixing rule '{f[0]}': MatSim supports Lorentz-Berthelot and Jorgensen"),
            };
        }
        return new ForceField
        {
            Types = types,
            Patterns = patterns,
            Mixing = mixing,
            Mode = mode == "shifted" ? CutoffMode.Shifted : CutoffMode.Truncated,
            TailCorrection = tail == "yes",
        };
    }

    // force_field.def: the number of per-type rules that override the mixing file, those rules, then the
    // number of explicit pairs and the pairs "type1 type2 lennard-jones ε/k_B σ".
    private static ForceField ReadOverrides(string path, ForceField field)
    {
        var lines = Lines(path);
        if (lines.Count == 0) return field;
        int Count(int index) => index < lines.Count && int.TryParse(lines[index].Fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new InputException(path, index < lines.Count ? lines[index].Line : lines[^1].Line, "expected a count of rules");
        int rules = Count(0);
        var types = new Dictionary<string, ForceFieldEntry>(field.Types, StringComparer.Ordinal);
        foreach (var (line, f) in lines.Skip(1).Take(rules))
        {
            if (f.Length < 4 || !f[1].Equals("lennard-jones", StringComparison.OrdinalIgnoreCase))
                throw new InputException(path, line, "expected: type lennard-jones epsilon/kB sigma");
            ForceFieldEntry? known = types.GetValueOrDefault(f[0]);
            types[f[0]] = new ForceFieldEntry(new LennardJonesPair(Number(path, line, f[2], "epsilon") * U.Boltzmann, Number(path, line, f[3], "sigma")),
                known?.Charge, known?.Mass, $"force_field.def:{line}");
        }
        var pairs = new Dictionary<(string, string), LennardJonesPair>();
        if (lines.Count > 1 + rules)
        {
            int count = Count(1 + rules);
            foreach (var (line, f) in lines.Skip(2 + rules).Take(count))
            {
                if (f.Length < 5 || !f[2].Equals("lennard-jones", StringComparison.OrdinalIgnoreCase))
                    throw new InputException(path, line, "expected: type1 type2 lennard-jones epsilon/kB sigma");
                pairs[(f[0], f[1])] = new LennardJonesPair(Number(path, line, f[3], "epsilon") * U.Boltzmann, Number(path, line, f[4], "sigma"));
            }
        }
        return field with { Types = types, Pairs = pairs };
    }
}
