using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.Cif;
using MatSim.TestSupport;

namespace MatSim.Simulation.Tests.IO;

public class CifTests
{
    // Rock salt, Fm-3m, written out with only the four centring translations and inversion-free
    // operations it needs for two sites on special positions: Na at 4a (0,0,0), Cl at 4b (½,½,½).
    private const string RockSalt = """
        data_NaCl
        _cell_length_a 5.6402(3)
        _cell_length_b 5.6402(3)
        _cell_length_c 5.6402(3)
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'F m -3 m'
        loop_
        _symmetry_equiv_pos_as_xyz
        'x,y,z'
        '-x,-y,z'
        'x,y+1/2,z+1/2'
        'x+1/2,y,z+1/2'
        'x+1/2,y+1/2,z'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        _atom_site_charge
        Na1 Na+ 0 0 0 1
        Cl1 Cl- 0.5 0.5 0.5 -1
        """;

    [Fact]
    public void ExpandsSymmetryAndMergesCopiesOnSpecialPositions()
    {
        CifStructure cif = CifReader.Read(RockSalt, "NaCl.cif");
        Assert.Equal(8, cif.Structure.Count);
        Assert.Equal("Cl4Na4", cif.Structure.Formula);
        Assert.Equal(5.6402, cif.Structure.Cell!.Lengths.A, 1e-12);
        Assert.True(cif.HasCharges);
        Assert.Equal(0.0, cif.Structure.TotalCharge, 1e-12);
        Assert.Equal(["Na1", "Cl1"], cif.Structure.Types.Distinct());
        Assert.Equal("F m -3 m", cif.SpaceGroup);
        // nearest Na–Cl distance is a/2
        double shortest = double.MaxValue;
        for (int i = 0; i < 8; i++)
        for (int j = i + 1; j < 8; j++)
            shortest = Math.Min(shortest, cif.Structure.Cell.MinimumImage(cif.Structure.Positions[j] - cif.Structure.Positions[i]).Length);
        Assert.Equal(5.6402 / 2, shortest, 1e-9);
    }

    [Fact]
    public void LoopColumnsMayComeInAnyOrderAndTheNewSymmetryTagIsRead()
    {
        string reordered = RockSalt
            .Replace("""
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                _atom_site_charge
                Na1 Na+ 0 0 0 1
                Cl1 Cl- 0.5 0.5 0.5 -1
                """, """
                _atom_site_fract_z
                _atom_site_charge
                _atom_site_label
                _atom_site_fract_x
                _atom_site_type_symbol
                _atom_site_fract_y
                0 1 Na1 0 Na+ 0
                0.5 -1 Cl1 0.5 Cl- 0.5
                """)
            .Replace("_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz");
        Assert.NotEqual(RockSalt, reordered);
        CifStructure a = CifReader.Read(RockSalt, "a.cif");
        CifStructure b = CifReader.Read(reordered, "b.cif");
        Assert.Equal(a.Structure.Positions, b.Structure.Positions);
        Assert.Equal(a.Structure.Charges, b.Structure.Charges);
    }

    [Fact]
    public void ReadsQuotedStringsTextFieldsCommentsAndUncertainties()
    {
        const string text = """
            # a comment line
            data_test
            _chemical_name_common 'a name with spaces'
            _publ_section_title
            ;
            A multi-line title; with a semicolon
            and 'quotes'
            ;
            _cell_length_a 10.0(2)   # trailing comment
            _cell_length_b 10.000
            _cell_length_c 12.5
            _cell_angle_alpha 90.0
            _cell_angle_beta 90
            _cell_angle_gamma 120.00(1)
            loop_
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            "O1 " 0.04746(3) 0.5 .25 0.5
            Zn1 0.1 0.2 0.3 ?
            """;
        CifStructure cif = CifReader.Read(text, "test.cif");
        Assert.Equal(2, cif.Structure.Count);
        Assert.Equal("O", cif.Structure.Elements[0].Symbol);
        Assert.Equal("Zn", cif.Structure.Elements[1].Symbol);
        Assert.Equal(0.04746, cif.Structure.Cell!.ToFractional(cif.Structure.Positions[0]).X, 1e-12);
        Assert.Equal([0.5, 1.0], cif.Occupancies);
        Assert.Equal(120, cif.Structure.Cell.Angles.Gamma, 1e-9);
        Assert.False(cif.HasCharges);
        Assert.Contains(cif.Warnings, w => w.Contains("partial occupancy"));
    }

    [Fact]
    public void CartesianSitesAreConverted()
    {
        const string text = """
            data_c
            _cell_length_a 10
            _cell_length_b 10
            _cell_length_c 10
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            loop_
            _atom_site_type_symbol
            _atom_site_Cartn_x
            _atom_site_Cartn_y
            _atom_site_Cartn_z
            Ar 1.5 2.5 3.5
            """;
        CifStructure cif = CifReader.Read(text, "c.cif");
        Assert.Equal(0.0, (cif.Structure.Positions[0] - new Vec3(1.5, 2.5, 3.5)).Length, 1e-12);
        Assert.Equal("Ar", cif.Structure.Types[0]);
    }

    [Theory]
    [InlineData("x,y,z", 1, 0, 0, 0)]
    [InlineData("-x+1/2,y,-z", -1, 0, 0, 0.5)]
    [InlineData("1/2+X, 0.5-y, z", 1, 0, 0, 0.5)]
    [InlineData("x-y,x,z+1/6", 1, -1, 0, 0)]
    [InlineData("+y+3/4,-x,z", 0, 1, 0, 0.75)]
    public void ParsesSymmetryOperations(string text, double r00, double r01, double r02, double t0)
    {
        Assert.True(SymmetryOperation.TryParse(text, out SymmetryOperation op, out string error), error);
        Assert.Equal(r00, op.Rotation.XX);
        Assert.Equal(r01, op.Rotation.XY);
        Assert.Equal(r02, op.Rotation.XZ);
        Assert.Equal(t0, op.Translation.X, 1e-15);
    }

    [Theory]
    [InlineData("x,y")]
    [InlineData("x,y,q")]
    [InlineData("x,x,z")]
    [InlineData("x,y,z+1/0")]
    public void RejectsMalformedSymmetryOperations(string text)
    {
        Assert.False(SymmetryOperation.TryParse(text, out _, out string error));
        Assert.Contains(text, error);
    }

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "_cell_length_a 5.6402(3)\n", "", 0, "_cell_length_a is missing" },
        { "_cell_length_c 5.6402(3)", "_cell_length_c five", 4, "_cell_length_c 'five' is not a number" },
        { "Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.5 0.5 -1", 24, "incomplete" },
        { "Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.5 zero 0.5 -1", 24, "_atom_site_fract_y 'zero' is not a number" },
        { "'x+1/2,y+1/2,z'", "'x+1/2,y+1/2,w'", 15, "symmetry operation" },
        { "'x+1/2,y+1/2,z'", "'x+1/2,y+1/2,z", 15, "not closed" },
        { "Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.01 0.0 0.0 -1", 23, "overlap after symmetry expansion" },
        { "Cl1 Cl- 0.5 0.5 0.5 -1", "Xx1 Xx 0.5 0.5 0.5 -1", 24, "cannot tell its element" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesGetAnErrorWithTheLineAndWhatWasExpected(string original, string replacement, int line, string message)
    {
        string text = RockSalt.Replace(original, replacement);
        Assert.NotEqual(RockSalt, text);
        InputException e = Assert.ThrowsAny<InputException>(() => CifReader.Read(text, "bad.cif"));
        Assert.Contains(message, e.Message);
        Assert.Equal("bad.cif", e.Location!.Source);
        if (line > 0) Assert.Equal(line, e.Location.Line);
    }

    [Fact]
    public void NamedSpaceGroupWithoutOperationsIsAnError()
    {
        string text = RockSalt[..RockSalt.IndexOf("loop_", StringComparison.Ordinal)] + RockSalt[RockSalt.IndexOf("loop_\n_atom_site_label", StringComparison.Ordinal)..];
        InputException e = Assert.ThrowsAny<InputException>(() => CifReader.Read(text, "nosym.cif"));
        Assert.Contains("symmetry operations are not listed", e.Message);
    }

    [Fact]
    public void Irmof1ExpandsToItsPublishedComposition()
    {
        // IRMOF-1, Fm-3m, 192 operations: Zn4O(BDC)3 × 8 = Zn32 O104 C192 H96 (Eddaoudi et al., Science 295, 469 (2002)).
        string path = Repository.RequireShared("data/structures/mofs/IRMOF-1.cif");
        CifStructure cif = CifReader.ReadFile(path);
        Assert.Equal(192, cif.SymmetryOperationCount);
        Assert.Equal(424, cif.Structure.Count);
        Assert.Equal("C192H96O104Zn32", cif.Structure.Formula);
        Assert.Equal(25.832 * 25.832 * 25.832, cif.Structure.Cell!.Volume, 1e-6);
    }

    [Fact]
    public void CuBtcCarriesItsChargesAndIsNeutral()
    {
        string path = Repository.RequireShared("data/structures/mofs/Cu-BTC.cif");
        CifStructure cif = CifReader.ReadFile(path);
        // Cu3(BTC)2 × 16 per conventional cell: Cu48 O192 C288 H96 (Chui et al., Science 283, 1148 (1999))
        Assert.Equal("C288H96Cu48O192", cif.Structure.Formula);
        Assert.True(cif.HasCharges);
        Assert.Equal(1.248, cif.Structure.Charges[cif.Structure.Types.IndexOf("Cu1")], 1e-12);
        Assert.Equal(0.0, cif.Structure.TotalCharge, 1e-9);
    }

    [Fact]
    public void EveryFrameworkOfTheSharedSetReads()
    {
        string root = Repository.RequireShared("data/structures");
        string[] files = Directory.GetFiles(root, "*.cif", SearchOption.AllDirectories);
        Assert.True(files.Length >= 150, $"only {files.Length} CIFs found");
        var failures = new List<string>();
        foreach (string file in files.Where(f => Path.GetFileName(f) != KnownBrokenFile))
        {
            try
            {
                CifStructure cif = CifReader.ReadFile(file);
                Assert.True(cif.Structure.Count > 0);
                // a charged framework is reported, not hidden
                if (cif.HasCharges && Math.Abs(cif.Structure.TotalCharge) > 1e-3)
                    Assert.Contains(cif.Warnings, w => w.Contains("net charge"));
            }
            catch (InputException e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // COF-202.cif (RASPA's set) puts C9 and Si11 on the same coordinates (0.82821, 0.67179, 0.32821).
    private const string KnownBrokenFile = "COF-202.cif";

    [Fact]
    public void AFrameworkWithTwoElementsOnOneSiteIsRejectedNamingBoth()
    {
        string path = Repository.RequireShared($"data/structures/mofs/{KnownBrokenFile}");
        InputException e = Assert.ThrowsAny<InputException>(() => CifReader.ReadFile(path));
        Assert.Contains("'C9'", e.Message);
        Assert.Contains("'Si11'", e.Message);
        Assert.Contains("overlap", e.Message);
        Assert.Equal(95, e.Location!.Line);
    }

    [Fact]
    public void AMalformedLoopWithoutStructureDataIsSkippedWithAWarning()
    {
        string path = Repository.RequireShared("data/structures/mofs/CAN-12.cif");
        CifStructure cif = CifReader.ReadFile(path);
        Assert.Contains(cif.Warnings, w => w.Contains("_citation_author_name") && w.Contains("skipped"));
        string broken = RockSalt.Replace("Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.5 0.5 0.5 -1 7");
        Assert.ThrowsAny<InputException>(() => CifReader.Read(broken, "atoms.cif"));
    }

    [Fact]
    public void SitesListedTwiceAreOneAtom()
    {
        string twice = RockSalt.Replace("Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.5 0.5 0.5 -1\nCl1 Cl- 0.5 0.5 0.5 -1");
        Assert.Equal(8, CifReader.Read(twice, "twice.cif").Structure.Count);
    }

    [Fact]
    public void SitesWithUnknownCoordinatesAreLeftOutWithAWarning()
    {
        string unknown = RockSalt.Replace("Cl1 Cl- 0.5 0.5 0.5 -1", "Cl1 Cl- 0.5 0.5 0.5 -1\nNa2 Na+ ? ? ? 1");
        CifStructure cif = CifReader.Read(unknown, "unknown.cif");
        Assert.Equal(8, cif.Structure.Count);
        Assert.Contains(cif.Warnings, w => w.Contains("Na2") && w.Contains("no coordinates"));
    }

    [Fact]
    public void AQuoteClosedBeforePunctuationIsAccepted()
    {
        string text = RockSalt.Replace("data_NaCl", "data_NaCl\n_citation_author_name 'M. O’Keeffe, and O.M. Yaghi',");
        Assert.Equal(8, CifReader.Read(text, "quote.cif").Structure.Count);
    }
}
