namespace MatSim.Simulation.Errors;

/// <summary>Where in an input (a file, a configuration key) something is wrong.</summary>
public sealed record SourceLocation(string Source, int Line = 0, int Column = 0)
{
    public override string ToString() =>
        Line > 0 ? Column > 0 ? $"{Source}:{Line}:{Column}" : $"{Source}:{Line}" : Source;
}

/// <summary>
/// Bad input from a user: a file or configuration that cannot be used as it is. The message names
/// the place (file, line, column or key) and says what was expected; the command line prints it
/// without a stack trace.
/// </summary>
public class InputException : Exception
{
    public SourceLocation? Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; }

    public InputException(SourceLocation? location, string problem, Exception? inner = null)
        : base(location == null ? problem : $"{location}: {problem}", inner)
    {
        Location = location;
        Problem = problem;
    }

    public InputException(string source, int line, string problem)
        : this(new SourceLocation(source, line), problem)
    {
    }
}
