using MatSim.Simulation.Chemistry;

namespace MatSim.Simulation.Tests.Units;

public class ElementsTests
{
    [Fact]
    public void TableRunsFromHydrogenToOganessonInOrder()
    {
        Assert.Equal(118, Elements.All.Count);
        for (int z = 1; z <= 118; z++) Assert.Equal(z, Elements.FromNumber(z).Number);
        Assert.Equal("H", Elements.FromNumber(1).Symbol);
        Assert.Equal("Zn", Elements.FromNumber(30).Symbol);
        Assert.Equal("Og", Elements.FromNumber(118).Symbol);
        Assert.Equal(118, Elements.All.Select(e => e.Symbol).Distinct().Count());
    }

    [Fact]
    public void MassesAreTheStandardAtomicWeights()
    {
        Assert.Equal(12.011, Elements.FromSymbol("C").Mass);
        Assert.Equal(15.999, Elements.FromSymbol("O").Mass);
        Assert.Equal(65.38, Elements.FromSymbol("Zn").Mass);
        Assert.Equal(63.546, Elements.FromSymbol("Cu").Mass);
        Assert.Equal(39.948, Elements.FromSymbol("Ar").Mass);
        // Masses increase with Z except for the known inversions (Ar/K, Co/Ni, Te/I, Th/Pa, U/Np, ...).
        int inversions = Enumerable.Range(1, 117).Count(z => Elements.FromNumber(z + 1).Mass < Elements.FromNumber(z).Mass);
        Assert.InRange(inversions, 4, 12);
    }

    [Theory]
    [InlineData("Zn1", "Zn")]
    [InlineData("Cl2", "Cl")]
    [InlineData("O2a", "O")]
    [InlineData("HO1", "H")]
    [InlineData("C_co2", "C")]
    [InlineData("ZN1", "Zn")]
    [InlineData("Ow", "O")]
    [InlineData("Cu", "Cu")]
    public void ReadsTheElementOfASiteLabel(string label, string symbol)
    {
        Assert.True(Elements.TryFromLabel(label, out Element element));
        Assert.Equal(symbol, element.Symbol);
    }

    [Theory]
    [InlineData("1X")]
    [InlineData("")]
    [InlineData("Qq")]
    public void RejectsLabelsWithoutAnElement(string label)
    {
        Assert.False(Elements.TryFromLabel(label, out _));
        Assert.Throws<ArgumentException>(() => Elements.FromSymbol(label));
    }
}
