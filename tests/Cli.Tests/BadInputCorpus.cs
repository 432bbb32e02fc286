using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// Bad input of every kind a user gives — configurations, CIF, extended XYZ, molecule files, RASPA force fields and
/// molecules, n2p2 models, campaign files, run folders: each is refused with exit code 2 and a message that names
/// the file (and line where it has one) and what was expected; none crashes, runs silently or blames MatSim.
/// </summary>
public sealed class BadInputCorpus
{
    /// <summary>One case: what to write into a fresh folder, the command to run there, and what the message must say.</summary>
    private sealed record Case(Func<string, string[]> Arrange, string Expected, string Where);

    private static string Data(params string[] parts) => Repository.PathOf(["data", .. parts]);

    private static string Put(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Mc => SimulationJobTests.ArgonMonteCarlo(20, 40, 20);
    private static string Md => SimulationJobTests.ArgonDynamics("{type: langevin, time_constant: 1 ps}", 100, 50);
    private static string Gcmc => AdsorptionCommandTests.Gcmc();

    private static string[] Validate(string folder, string yaml) => ["validate", Put(folder, "config.yaml", yaml)];

    /// <summary>An mc configuration whose argon comes from a molecule file of the case's own.</summary>
    private static string[] McWithMolecule(string folder, string molecule) =>
        Validate(folder, Mc.Replace(Data("molecules", "argon.yaml"), Put(folder, "molecule.yaml", molecule)));

    private static string[] Inspect(string folder, string name, string text) =>
        Validate(folder, $"job: inspect\nstructure: {Put(folder, name, text)}\n");

    private const string Cif = """
        data_test
        _cell_length_a 10
        _cell_length_b 10
        _cell_length_c 10
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'P 1'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        _atom_site_occupancy
        Si1 Si 0.0 0.0 0.0 1
        O1 O 0.5 0.5 0.5 1

        """;

    private const string Xyz = "2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\nAr 0 0 0\nAr 5 5 5\n";

    private const string Argon = """
        name: Ar
        length_unit: angstrom
        atoms:
          - {type: Ar, element: Ar, position: [0, 0, 0], charge: 0}
        lennard_jones:
          Ar: {epsilon: 119.8 K, sigma: 3.405 angstrom}

        """;

    /// <summary>A gcmc configuration on a copy of RASPA's ExampleMOFsForceField with its CO2, either file edited.</summary>
    private static string[] Raspa(string folder, Func<string, string>? editForceField = null, Func<string, string>? editMolecule = null,
        string pseudoAtoms = "pseudo_atoms.def")
    {
        string source = Repository.RequireShared("data/raspa-forcefield");
        string field = Path.Combine(folder, "ff");
        Directory.CreateDirectory(field);
        foreach (string file in Directory.GetFiles(Path.Combine(source, "ExampleMOFsForceField")))
            File.WriteAllText(Path.Combine(field, Path.GetFileName(file)), File.ReadAllText(file));
        string mixing = Path.Combine(field, "force_field_mixing_rules.def");
        if (editForceField != null) File.WriteAllText(mixing, editForceField(File.ReadAllText(mixing)));
        if (pseudoAtoms != "pseudo_atoms.def") File.Delete(Path.Combine(field, "pseudo_atoms.def"));
        string molecule = Put(folder, "CO2.def", (editMolecule ?? (t => t))(File.ReadAllText(Path.Combine(source, "molecules", "CO2.def"))));
        return Validate(folder, Gcmc
            .Replace($"forcefield: {{file: {Data("forcefields", "dreiding-uff.yaml")}}}", $"forcefield: {{raspa: {field}}}")
            .Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}", $"raspa_molecule: {molecule}"));
    }

    /// <summary>`nnp predict` with a copy of n2p2's water model, one of its files edited.</summary>
    private static string[] Nnp(string folder, string file, Func<string, string> edit)
    {
        string water = NnpCommandTests.Water;
        string model = Path.Combine(folder, "model");
        Directory.CreateDirectory(model);
        foreach (string f in Directory.GetFiles(water)) File.Copy(f, Path.Combine(model, Path.GetFileName(f)));
        string path = Path.Combine(model, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return ["nnp", "predict", "--model", model, "--units", "bohr,hartree", "--structures", Path.Combine(water, "input.data")];
    }

    private static string[] Campaign(string folder, Func<string, string> edit)
    {
        string file = CampaignCommandTests.WriteCampaign(folder, $"[{Data("frameworks")}]", mixture: false);
        File.WriteAllText(file, edit(File.ReadAllText(file)));
        return ["campaign", "plan", file, "-o", Path.Combine(folder, "out")];
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // configuration files
        ["yaml-syntax"] = new(f => Validate(f, "job: mc\ntemperature: [298 K\n"), "not valid YAML", "config.yaml:"),
        ["yaml-empty"] = new(f => Validate(f, ""), "the configuration is empty", "config.yaml:1"),
        ["yaml-two-documents"] = new(f => Validate(f, "job: mc\n---\njob: md\n"), "several YAML documents", "config.yaml:"),
        ["yaml-not-a-mapping"] = new(f => Validate(f, "- job: mc\n"), "expected a mapping", "config.yaml:1"),
        ["config-missing"] = new(f => ["validate", Path.Combine(f, "absent.yaml")], "configuration file not found", "absent.yaml"),
        ["job-missing"] = new(f => Validate(f, "seed: 1\n"), "missing key 'job'", "config.yaml:1"),
        ["job-unknown"] = new(f => Validate(f, "job: mcc\n"), "unknown job 'mcc'", "config.yaml:1"),
        ["key-unknown"] = new(f => Validate(f, Mc + "\nequilibrate: 5\n"), "unknown key 'equilibrate'", "config.yaml:"),
        ["key-misspelt-required"] = new(f => Validate(f, Mc.Replace("temperature:", "temprature:")), "did you mean 'temperature'?", "config.yaml:3"),
        ["temperature-no-unit"] = new(f => Validate(f, Mc.Replace("107.82 K", "107.82")), "temperature", "config.yaml:3"),
        ["temperature-wrong-dimension"] = new(f => Validate(f, Mc.Replace("107.82 K", "107.82 bar")), "temperature", "config.yaml:3"),
        ["temperature-negative"] = new(f => Validate(f, Mc.Replace("107.82 K", "-5 K")), "must be positive", "config.yaml:3"),
        ["seed-negative"] = new(f => Validate(f, Mc.Replace("seed: 11", "seed: -1")), "non-negative whole number", "config.yaml:2"),
        ["cycles-negative"] = new(f => Validate(f, Mc.Replace("production: 40", "production: -40")), "must not be negative", "config.yaml:"),
        ["blocks-zero"] = new(f => Validate(f, Mc.Replace("blocks: 5", "blocks: 0")), "blocks: must be at least 2", "config.yaml:"),
        ["blocks-above-production"] = new(f => Validate(f, Mc.Replace("blocks: 5", "blocks: 50")), "at least the number of blocks", "config.yaml:"),
        ["acceptance-out-of-range"] = new(f => Validate(f, Mc.Replace("target_acceptance: 0.4", "target_acceptance: 1.5")), "between 0 and 1", "config.yaml:"),
        ["energy-empty"] = new(f => Validate(f, Mc.Replace("energy:\n  - type: lj\n    cutoff: 10.215 angstrom\n    tail_correction: true", "energy: []")), "the energy list is empty", "config.yaml:"),
        ["energy-unknown-model"] = new(f => Validate(f, Mc.Replace("type: lj", "type: ljj")), "unknown energy model 'ljj'", "config.yaml:"),
        ["energy-cutoff-no-unit"] = new(f => Validate(f, Mc.Replace("cutoff: 10.215 angstrom", "cutoff: 10.215")), "cutoff", "config.yaml:"),
        ["mc-cutoff-beyond-half-cell"] = new(f => Validate(f, Mc.Replace("cutoff: 10.215 angstrom", "cutoff: 40 angstrom")), "more than half the smallest cell width", "config.yaml:"),
        // packing fraction by hand: ρ π σ³ / 6 = 0.5 Å⁻³ × π × (3.405 Å)³ / 6 = 10.3
        ["mc-density-impossible"] = new(f => Validate(f, Mc.Replace("0.019657 1/angstrom^3", "0.5 1/angstrom^3")), "the molecules fill 10.3 of the cell's volume", "config.yaml:"),
        ["cell-two-kinds"] = new(f => Validate(f, Mc.Replace("{density: 0.019657 1/angstrom^3}", "{density: 0.019657 1/angstrom^3, cubic: 30 angstrom}")), "give exactly one of", "config.yaml:"),
        ["lattice-unknown"] = new(f => Validate(f, Mc.Replace("lattice: fcc", "lattice: hcp")), "'hcp' is not one of", "config.yaml:"),
        ["fill-unknown-species"] = new(f => Validate(f, Mc.Replace("{species: Ar, count: 256}", "{species: Kr, count: 256}")), "unknown species 'Kr'", "config.yaml:"),
        ["fill-negative-count"] = new(f => Validate(f, Mc.Replace("count: 256", "count: -3")), "must not be negative", "config.yaml:"),
        ["species-file-missing"] = new(f => Validate(f, Mc.Replace(Data("molecules", "argon.yaml"), "no-such.yaml")), "not found", "config.yaml:"),
        ["move-unknown"] = new(f => Validate(f, Mc + "\nmoves: {hop: {weight: 1}}\n"), "hop", "config.yaml:"),
        ["system-is-a-list"] = new(f => Validate(f, "job: mc\ntemperature: 100 K\nsystem: [1, 2]\n"), "expected a mapping", "config.yaml:3"),
        ["md-time-step-zero"] = new(f => Validate(f, Md.Replace("time_step: 10 fs", "time_step: 0 fs")), "time_step", "config.yaml:"),
        ["mc-blocks-one"] = new(f => Validate(f, Mc.Replace("blocks: 5", "blocks: 1")), "blocks: must be at least 2", "config.yaml:"),
        ["md-blocks-one"] = new(f => Validate(f, Md + "\nblocks: 1\n"), "blocks: must be at least 2", "config.yaml:"),
        ["gcmc-blocks-one"] = new(f => Validate(f, Gcmc + "\nblocks: 1\n"), "blocks: must be at least 2", "config.yaml:"),
        ["sample-steps-negative"] = new(f => Validate(f, SampleCommandTests.DoubleWell.Replace("example_steps: 150", "example_steps: -150")), "example_steps: must not be negative", "config.yaml:"),
        ["md-thermostat-unknown"] = new(f => Validate(f, Md.Replace("type: langevin", "type: berendsen")), "berendsen", "config.yaml:"),
        // molecule files
        ["molecule-overlapping-atoms"] = new(f => McWithMolecule(f, Argon.Replace("  - {type: Ar, element: Ar, position: [0, 0, 0], charge: 0}",
            "  - {type: Ar, element: Ar, position: [0, 0, 0], charge: 0}\n  - {type: Ar, element: Ar, position: [0.1, 0, 0], charge: 0}")), "must not overlap", "molecule.yaml:5"),
        ["molecule-unknown-element"] = new(f => McWithMolecule(f, Argon.Replace("element: Ar", "element: Qq")), "'Qq' is not an element symbol", "molecule.yaml:4"),
        ["molecule-position-two-numbers"] = new(f => McWithMolecule(f, Argon.Replace("[0, 0, 0]", "[0, 0]")), "three numbers", "molecule.yaml:4"),
        ["molecule-length-unit"] = new(f => McWithMolecule(f, Argon.Replace("length_unit: angstrom", "length_unit: furlong")), "furlong", "molecule.yaml:2"),
        ["molecule-missing-name"] = new(f => McWithMolecule(f, Argon.Replace("name: Ar\n", "")), "missing key 'name'", "molecule.yaml:1"),
        ["molecule-sigma-no-unit"] = new(f => McWithMolecule(f, Argon.Replace("3.405 angstrom", "3.405")), "sigma", "molecule.yaml:6"),
        // extended XYZ
        ["xyz-more-atoms-than-announced"] = new(f => Inspect(f, "s.xyz", Xyz + "Ar 2 2 2\n"), "announces 2 atoms", "s.xyz:5"),
        ["xyz-fewer-atoms-than-announced"] = new(f => Inspect(f, "s.xyz", Xyz.Replace("Ar 5 5 5\n", "")), "the file ends after 1 of the 2 atoms", "s.xyz:"),
        ["xyz-lattice-eight-numbers"] = new(f => Inspect(f, "s.xyz", Xyz.Replace("10 0 0 0 10 0 0 0 10", "10 0 0 0 10 0 0 10")), "Lattice has 8 numbers", "s.xyz:2"),
        ["xyz-coordinate-not-a-number"] = new(f => Inspect(f, "s.xyz", Xyz.Replace("Ar 5 5 5", "Ar 5 five 5")), "five", "s.xyz:4"),
        ["xyz-pbc-value"] = new(f => Inspect(f, "s.xyz", Xyz.Replace("pbc=\"T T T\"", "pbc=\"T T Y\"")), "pbc value 'Y'", "s.xyz:2"),
        ["xyz-count-not-a-number"] = new(f => Inspect(f, "s.xyz", "two\n" + Xyz[2..]), "expected the number of atoms", "s.xyz:1"),
        ["xyz-unknown-element"] = new(f => Inspect(f, "s.xyz", Xyz.Replace("Ar 5 5 5", "Qq 5 5 5")), "Qq", "s.xyz:4"),
        // CIF
        ["cif-type-symbol-unknown"] = new(f => Inspect(f, "s.cif", Cif.Replace("O1 O ", "H1 Xx ")), "_atom_site_type_symbol 'Xx'", "s.cif:17"),
        ["cif-cell-length-missing"] = new(f => Inspect(f, "s.cif", Cif.Replace("_cell_length_b 10\n", "")), "_cell_length_b", "s.cif"),
        ["cif-coordinate-not-a-number"] = new(f => Inspect(f, "s.cif", Cif.Replace("0.5 0.5 0.5", "0.5 half 0.5")), "'half' is not a number", "s.cif:17"),
        ["cif-overlapping-atoms"] = new(f => Inspect(f, "s.cif", Cif.Replace("0.5 0.5 0.5", "0.01 0.0 0.0")), "overlap", "s.cif"),
        ["cif-occupancy"] = new(f => Inspect(f, "s.cif", Cif.Replace("0.5 0.5 0.5 1", "0.5 0.5 0.5 2")), "_atom_site_occupancy '2'", "s.cif:17"),
        ["cif-no-atoms"] = new(f => Inspect(f, "s.cif", Cif[..Cif.IndexOf("loop_", StringComparison.Ordinal)]), "atom", "s.cif"),
        ["cif-not-cif"] = new(f => Inspect(f, "s.cif", "this is not a CIF\n"), "s.cif", "s.cif"),
        // adsorption configurations
        ["gcmc-pressure-zero"] = new(f => Validate(f, AdsorptionCommandTests.Gcmc(pressures: "[0 bar]")), "a pressure must be positive", "config.yaml:"),
        ["gcmc-charges-option"] = new(f => Validate(f, Gcmc.Replace("charges: none", "charges: qeq")), "'qeq' is not one of", "config.yaml:"),
        ["gcmc-energy-beyond-supercell"] = new(f => Validate(f, Gcmc + "\nenergy: [{type: lj, cutoff: 14 angstrom}]"), "the cutoff of lj, 14 Å, is more than half", "config.yaml:"),
        ["gcmc-move-option-misspelt"] = new(f => Validate(f, Gcmc.Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}", $"molecule: {Data("molecules", "ch4-trappe.yaml")}\n    moves: {{translation: {{weight: 1, stepp: 2 angstrom}}}}")), "did you mean 'step'", "config.yaml:"),
        ["gcmc-huge-supercell"] = new(f => Validate(f, Gcmc.Replace("cutoff: 12.8 angstrom", "cutoff: 150 angstrom")), "framework atoms (more than", "config.yaml:"),
        ["gcmc-component-without-molecule"] = new(f => Validate(f, Gcmc.Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}", "mole_fraction: 1")), "give either molecule", "config.yaml:"),
        ["gcmc-component-twice"] = new(f => Validate(f, Gcmc.Replace($"  - molecule: {Data("molecules", "ch4-trappe.yaml")}",
            $"  - molecule: {Data("molecules", "ch4-trappe.yaml")}\n  - molecule: {Data("molecules", "ch4-trappe.yaml")}")), "listed twice", "config.yaml:"),
        ["gcmc-unit-cells-two"] = new(f => Validate(f, Gcmc.Replace("charges: none", "charges: none\n  unit_cells: [2, 2]")), "three positive whole numbers", "config.yaml:"),
        ["gcmc-forcefield-both"] = new(f => Validate(f, Gcmc.Replace($"{{file: {Data("forcefields", "dreiding-uff.yaml")}}}", $"{{file: {Data("forcefields", "dreiding-uff.yaml")}, raspa: {f}}}")), "give either file", "config.yaml:"),
        ["gcmc-move-unknown"] = new(f => Validate(f, Gcmc.Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}", $"molecule: {Data("molecules", "ch4-trappe.yaml")}\n    moves: {{jump: 1}}")), "unknown MC move 'jump'", "config.yaml:"),
        ["mc-swap-without-fugacity"] = new(f => Validate(f, Mc + "\nmoves: {translation: {weight: 1}, swap: {weight: 1}}"), "swap inserts and deletes at a fugacity", "config.yaml:"),
        ["gcmc-move-weight-negative"] = new(f => Validate(f, Gcmc.Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}", $"molecule: {Data("molecules", "ch4-trappe.yaml")}\n    moves: {{swap: -1}}")), "must not be negative", "config.yaml:"),
        ["widom-cycles-zero"] = new(f => Validate(f, AdsorptionCommandTests.Widom(0, "co2-trappe.yaml")), "cycles: must be positive", "config.yaml:"),
        ["widom-blocks-zero"] = new(f => Validate(f, AdsorptionCommandTests.Widom(10, "co2-trappe.yaml") + "\nblocks: 0\n"), "blocks: must be at least 2", "config.yaml:"),
        ["gcmc-framework-not-neutral"] = new(f => Validate(f, Gcmc.Replace(Data("frameworks", "IRMOF-1.cif"), Repository.RequireShared("data/structures/zeolites/LTA_SI.cif"))
            .Replace("charges: none", "charges: cif")), "cif charges sum to -67.2 e per unit cell, not zero", "config.yaml:"),
        ["gcmc-guest-ion"] = new(f => Validate(f, Gcmc.Replace(Data("molecules", "ch4-trappe.yaml"), Put(f, "ion.yaml", Argon.Replace("charge: 0", "charge: 1")))),
            "sum to 1 e, not zero", "config.yaml:"),
        // RASPA force fields and molecules
        ["raspa-forcefield-folder-missing"] = new(f => Validate(f, Gcmc.Replace($"{{file: {Data("forcefields", "dreiding-uff.yaml")}}}", "{raspa: no-such-folder}")), "not found", "config.yaml:"),
        ["raspa-pseudo-atoms-missing"] = new(f => Raspa(f, pseudoAtoms: "absent"), "pseudo_atoms.def", "pseudo_atoms.def"),
        ["raspa-mixing-rule-epsilon"] = new(f => Raspa(f, editForceField: t => t.Replace("O_             lennard-jones    48.1581", "O_             lennard-jones    abc")), "abc", "force_field_mixing_rules.def:"),
        ["raspa-molecule-unknown-type"] = new(f => Raspa(f, editMolecule: t => t.Replace("1 C_co2", "1 C_xyz")), "C_xyz", "CO2.def"),
        ["raspa-molecule-coordinate"] = new(f => Raspa(f, editMolecule: t => t.Replace("-1.149", "minus")), "'minus' is not a number", "CO2.def:"),
        ["raspa-molecule-overlap"] = new(f => Raspa(f, editMolecule: t => t.Replace("-1.149", "1.149")), "must not overlap", "CO2.def:"),
        ["raspa-molecule-atom-count"] = new(f => Raspa(f, editMolecule: t => t.Replace("#Number Of Atoms\n 3", "#Number Of Atoms\n x")), "'x' is not a whole number", "CO2.def:"),
        // n2p2 models
        ["n2p2-symmetry-function"] = new(f => Nnp(f, "input.nn", t => t.Replace("symfunction_short H 2 H 0.001 0.0 12.00", "symfunction_short H 2 H 0.001 zero 12.00")), "'zero'", "input.nn:"),
        ["n2p2-weights-short"] = new(f => Nnp(f, "weights.008.data", t => string.Join("\n", t.Split('\n').SkipLast(3))), "needs", "weights.008.data"),
        ["n2p2-element-unknown"] = new(f => Nnp(f, "input.nn", t => t.Replace("elements                        H O", "elements                        H Xx")), "'Xx' is not an element", "input.nn:"),
        ["n2p2-scaling-short"] = new(f => Nnp(f, "scaling.data", t => string.Join("\n", t.Split('\n').SkipLast(10))), "scaling.data", "scaling.data"),
        // campaigns
        ["campaign-stage-job-unknown"] = new(f => Campaign(f, t => t.Replace("job: widom", "job: widdom")), "unknown job 'widdom'", "campaign.yaml (stage 'henry'"),
        ["campaign-frameworks-missing"] = new(f => Campaign(f, t => t.Replace(Data("frameworks"), Path.Combine(f, "none"))), "is neither a file, a folder nor a glob that exists", "campaign.yaml:3"),
        ["campaign-name-missing"] = new(f => Campaign(f, t => t.Replace("campaign: test\n", "campaign:\n")), "campaign", "campaign.yaml:"),
        ["campaign-stage-key-typo"] = new(f => Campaign(f, t => t.Replace("insertions_per_cycle:", "insertions_per_cycel:")), "did you mean 'insertions_per_cycle'?", "stage 'henry'"),
        // run folders
        ["checkpoint-corrupt"] = new(f =>
        {
            string config = Put(f, "config.yaml", Mc);
            Put(f, "out/checkpoint.json", "{ not json");
            return ["run", config, "-o", Path.Combine(f, "out")];
        }, "the checkpoint cannot be read", "checkpoint.json"),
        ["folder-of-another-configuration"] = new(f =>
        {
            string first = Put(f, "first.yaml", Mc);
            Assert.Equal(0, Matsim("run", first, "-o", Path.Combine(f, "out")).Exit);
            return ["run", Put(f, "second.yaml", Mc.Replace("107.82 K", "110 K")), "-o", Path.Combine(f, "out")];
        }, "holds a run of another configuration (temperature: '107.82 K' there, '110 K' here)", "second.yaml:3"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_is_refused_with_exit_code_2_and_a_located_message(string name)
    {
        Case c = Cases[name];
        string folder = Repository.TemporaryDirectory($"bad-{name}");
        var (exit, output, error) = Matsim(c.Arrange(folder));
        Assert.True(exit == MatSimCommandLine.BadInput, $"exit {exit}; stdout: {output}; stderr: {error}");
        Assert.StartsWith("error: ", error);
        Assert.Contains(c.Expected, error);
        Assert.Contains(c.Where, error);
        Assert.DoesNotContain("bug in MatSim", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void The_corpus_covers_every_kind_of_input_with_at_least_sixty_cases()
    {
        Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");
        foreach (string kind in new[] { "yaml-", "molecule-", "xyz-", "cif-", "gcmc-", "raspa-", "n2p2-", "campaign-" })
            Assert.Contains(Cases.Keys, k => k.StartsWith(kind, StringComparison.Ordinal));
    }
}
