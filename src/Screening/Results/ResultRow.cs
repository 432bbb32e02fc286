namespace MatSim.Screening.Results;

/// <summary>
/// One number of a campaign: which framework, guest and conditions, which quantity with its value, standard
/// error and unit, and where it came from (stage, job id, MatSim version, wall time of the job).
/// </summary>
public sealed record ResultRow(
    string Stage, string JobId, string Framework, string? Guest, double? TemperatureK, double? PressurePa,
    string Quantity, double Value, double? Error, string Unit, string SoftwareVersion, double WallTimeSeconds)
{
    /// <summary>The name ranking expressions use: quantity, then .guest, then @pressure in Pa where there is one.</summary>
    public string Key => Quantity + (Guest != null ? "." + Guest : "") + (PressurePa is { } p ? FormattableString.Invariant($"@{p:G6}Pa") : "");
}
