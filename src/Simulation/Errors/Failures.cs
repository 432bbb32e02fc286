namespace MatSim.Simulation.Errors;

/// <summary>Which of the exceptions behind a failure is reported (by the command line and the run log).</summary>
public static class Failures
{
    /// <summary>
    /// The exception that explains a failure: parallel work (state points, frameworks) wraps its failures in an
    /// AggregateException; bad input among them outranks a cancellation, which outranks anything else.
    /// </summary>
    public static Exception Primary(Exception e)
    {
        if (e is not AggregateException aggregate) return e;
        Exception[] inner = aggregate.Flatten().InnerExceptions.Select(Primary).ToArray();
        return inner.FirstOrDefault(x => x is InputException) ?? inner.FirstOrDefault(x => x is OperationCanceledException) ??
               inner.FirstOrDefault() ?? e;
    }
}
