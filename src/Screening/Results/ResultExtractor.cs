using System.Text.Json.Nodes;
using MatSim.Screening.Campaigns;

namespace MatSim.Screening.Results;

/// <summary>
/// Turns a job's results.json into rows. Widom: K_H (mol/kg/Pa), dH (kJ/mol) and W = ⟨e^{−βΔU}⟩ per guest, and
/// void_fraction for helium (RASPA's helium void fraction). GCMC: absolute and excess loadings (mol/kg) per guest
/// and pressure. Framework descriptors: every descriptor with the unit its name carries. Any other job: its
/// numeric results by JSON path, unit "-".
/// </summary>
public static class ResultExtractor
{
    /// <summary>The job's numbers; undefined ones (null in results.json) are left out.</summary>
    public static IEnumerable<ResultRow> Extract(CampaignJob job, JsonObject document) => All(job, document).Where(r => double.IsFinite(r.Value));

    private static IEnumerable<ResultRow> All(CampaignJob job, JsonObject document)
    {
        string version = document["matsim_version"]?.GetValue<string>() ?? "unknown";
        double wall = document["wall_time_s"]?.GetValue<double>() ?? double.NaN;
        JsonObject results = document["results"]?.AsObject() ?? [];
        ResultRow Row(string quantity, double value, double? error, string unit, string? guest = null, double? pressure = null) =>
            new(job.Stage.Name, job.Id, job.Framework.Name, guest, job.TemperatureK, pressure, quantity, value, error, unit, version, wall);

        switch (document["job"]?.GetValue<string>())
        {
            case "widom":
                foreach (JsonNode? c in results["components"]?.AsArray() ?? [])
                {
                    string guest = c!["component"]!.GetValue<string>();
                    var (k, kError) = Estimate(c["henry_coefficient_mol_per_kg_per_Pa"]);
                    var (h, hError) = Estimate(c["enthalpy_of_adsorption_kJ_per_mol"]);
                    var (w, wError) = Estimate(c["boltzmann_factor"]);
                    if (IsHelium(guest))
                    {
                        yield return Row("void_fraction", w, wError, "-");
                        continue;
                    }
                    yield return Row("K_H", k, kError, "mol/kg/Pa", guest);
                    yield return Row("dH", h, hError, "kJ/mol", guest);
                    yield return Row("W", w, wError, "-", guest);
                }
                break;
            case "gcmc":
                foreach (JsonNode? point in results["state_points"]?.AsArray() ?? [])
                {
                    double pressure = point!["pressure_Pa"]!.GetValue<double>();
                    foreach (JsonNode? c in point["components"]?.AsArray() ?? [])
                    {
                        string guest = c!["component"]!.GetValue<string>();
                        var (a, aError) = Estimate(c["absolute"]?["mol_per_kg"]);
                        var (e, eError) = Estimate(c["excess"]?["mol_per_kg"]);
                        yield return Row("loading", a, aError, "mol/kg", guest, pressure);
                        yield return Row("excess_loading", e, eError, "mol/kg", guest, pressure);
                        // y = f / (φ p): the gas composition the loadings belong to (for mixture selectivities)
                        double fugacity = c["fugacity_bar"]!.GetValue<double>(), phi = c["fugacity_coefficient"]!.GetValue<double>();
                        yield return Row("gas_mole_fraction", fugacity / (phi * pressure / 1e5), null, "-", guest, pressure);
                    }
                }
                break;
            case "framework-descriptors":
                foreach (var (name, value) in results["descriptors"]?.AsObject() ?? [])
                    yield return Row(name, value!.GetValue<double>(), null, UnitOf(name));
                break;
            default:
                foreach (var (path, value) in Numbers(results, ""))
                    yield return Row(path, value, null, "-");
                break;
        }
    }

    public static bool IsHelium(string guest) => guest.Equals("helium", StringComparison.OrdinalIgnoreCase) || guest == "He";

    private static (double Mean, double? Error) Estimate(JsonNode? node) => node switch
    {
        JsonObject o => (o["mean"]?.GetValue<double>() ?? double.NaN, o["standard_error"]?.GetValue<double?>()),
        JsonValue v => (v.GetValue<double>(), null),
        null => (double.NaN, null),
        _ => (double.NaN, null),
    };

    private static string UnitOf(string name) =>
        name.EndsWith("_A3", StringComparison.Ordinal) ? "Å^3"
        : name.EndsWith("_A", StringComparison.Ordinal) ? "Å"
        : name.EndsWith("_g_per_cm3", StringComparison.Ordinal) ? "g/cm^3"
        : name.EndsWith("_m2_per_g", StringComparison.Ordinal) ? "m^2/g"
        : name.EndsWith("_m2_per_cm3", StringComparison.Ordinal) ? "m^2/cm^3"
        : "-";

    private static IEnumerable<(string, double)> Numbers(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    foreach (var item in Numbers(child, path.Length > 0 ? $"{path}.{key}" : key)) yield return item;
                break;
            case JsonValue v when v.TryGetValue(out double d):
                yield return (path, d);
                break;
        }
    }
}
