namespace MatSim.Conformance;

/// <summary>An energy model failed a conformance check; the message says which quantity differed and by how much.</summary>
public sealed class ConformanceException(string message) : Exception(message);
