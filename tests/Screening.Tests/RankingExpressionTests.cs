using MatSim.Screening.Campaigns;

namespace MatSim.Screening.Tests;

public class RankingExpressionTests
{
    private static readonly Dictionary<string, double> Values = new() { ["K_H.CO2"] = 8e-5, ["K_H.N2"] = 2e-6, ["void_fraction"] = 0.5 };

    [Theory]
    [InlineData("K_H.CO2 / K_H.N2", 40)]
    [InlineData("2 + 3 * 4 ^ 2 / 8", 8)]
    [InlineData("-(1 - 3) * 2", 4)]
    [InlineData("log10(K_H.CO2 / K_H.N2 * 25)", 3)]
    [InlineData("sqrt(abs(-16)) + exp(0) + ln(1)", 5)]
    [InlineData("void_fraction * 1e2", 50)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    public void Evaluates_with_the_usual_precedence(string text, double expected) =>
        Assert.Equal(expected, RankingExpression.Parse(text).Evaluate(Values), 1e-9);

    [Fact]
    public void A_missing_quantity_makes_the_value_undefined()
    {
        var expression = RankingExpression.Parse("K_H.CO2 / K_H.CH4");
        Assert.True(double.IsNaN(expression.Evaluate(Values)));
        Assert.Equal(["K_H.CO2", "K_H.CH4"], expression.Names);
    }

    [Theory]
    [InlineData("K_H.CO2 /", "ends too early")]
    [InlineData("(K_H.CO2", "expected ')'")]
    [InlineData("foo(K_H.CO2)", "unknown function 'foo'")]
    [InlineData("K_H.CO2 # 2", "unexpected '#'")]
    public void Syntax_errors_say_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => RankingExpression.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.Contains("at character", error.Message);
    }
}
