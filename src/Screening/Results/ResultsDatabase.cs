using System.Globalization;
using MatSim.Screening.Campaigns;
using MatSim.Screening.Execution;
using MatSim.Simulation.IO;
using Microsoft.Data.Sqlite;

namespace MatSim.Screening.Results;

/// <summary>
/// The campaign's results as one SQLite file (schema in docs/campaigns.md) plus CSV exports. The database is
/// written to a temporary file and moved into place, so readers never see half of it.
/// Tables: results (one row per number), jobs (one row per job with its state and last failure), frameworks.
/// </summary>
public static class ResultsDatabase
{
    public const string FileName = "results.sqlite", ResultsCsv = "results.csv", JobsCsv = "jobs.csv";

    public static void Write(string folder, Campaign campaign, IReadOnlyList<ResultRow> rows, IReadOnlyList<JobStatus> jobs)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName), temporary = path + $".{Environment.ProcessId}.tmp";
        File.Delete(temporary);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, """
                CREATE TABLE frameworks (name TEXT PRIMARY KEY, cif TEXT NOT NULL);
                CREATE TABLE jobs (job_id TEXT PRIMARY KEY, stage TEXT NOT NULL, job TEXT NOT NULL, framework TEXT NOT NULL,
                    temperature_K REAL, state TEXT NOT NULL, attempts INTEGER NOT NULL, failure_kind TEXT, failure_reason TEXT, folder TEXT NOT NULL);
                CREATE TABLE results (stage TEXT NOT NULL, job_id TEXT NOT NULL REFERENCES jobs(job_id), framework TEXT NOT NULL REFERENCES frameworks(name),
                    guest TEXT, temperature_K REAL, pressure_Pa REAL, quantity TEXT NOT NULL, value REAL NOT NULL, error REAL, unit TEXT NOT NULL,
                    software_version TEXT NOT NULL, wall_time_s REAL);
                CREATE INDEX results_by_quantity ON results (quantity, guest, framework);
                """);
            using var transaction = connection.BeginTransaction();
            foreach (FrameworkEntry f in campaign.Definition.Frameworks)
                Insert(connection, "INSERT INTO frameworks VALUES ($a, $b)", f.Name, f.FullPath);
            foreach (JobStatus j in jobs)
            {
                FailureRecord? last = j.Failures.Count > 0 ? j.Failures[^1] : null;
                Insert(connection, "INSERT INTO jobs VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j)", j.Job.Id, j.Job.Stage.Name, j.Job.Stage.Job,
                    j.Job.Framework.Name, j.Job.TemperatureK, j.State.ToString().ToLowerInvariant(), j.Failures.Count, last?.Kind, last?.Reason, j.Job.Folder);
            }
            foreach (ResultRow r in rows)
                Insert(connection, "INSERT INTO results VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l)", r.Stage, r.JobId, r.Framework, r.Guest,
                    r.TemperatureK, r.PressurePa, r.Quantity, r.Value, r.Error, r.Unit, r.SoftwareVersion, double.IsFinite(r.WallTimeSeconds) ? r.WallTimeSeconds : null);
            transaction.Commit();
        }
        File.Move(temporary, path, overwrite: true);
        AtomicFile.Write(Path.Combine(folder, ResultsCsv), w =>
        {
            w.WriteLine("stage,job_id,framework,guest,temperature_K,pressure_Pa,quantity,value,error,unit,software_version,wall_time_s");
            foreach (ResultRow r in rows)
                w.WriteLine(string.Join(",", r.Stage, r.JobId, Csv(r.Framework), r.Guest, Number(r.TemperatureK), Number(r.PressurePa), r.Quantity,
                    Number(r.Value), Number(r.Error), Csv(r.Unit), r.SoftwareVersion, Number(r.WallTimeSeconds)));
        });
        AtomicFile.Write(Path.Combine(folder, JobsCsv), w =>
        {
            w.WriteLine("job_id,stage,job,framework,temperature_K,state,attempts,failure_kind,failure_reason");
            foreach (JobStatus j in jobs)
            {
                FailureRecord? last = j.Failures.Count > 0 ? j.Failures[^1] : null;
                w.WriteLine(string.Join(",", j.Job.Id, j.Job.Stage.Name, j.Job.Stage.Job, Csv(j.Job.Framework.Name), Number(j.Job.TemperatureK),
                    j.State.ToString().ToLowerInvariant(), j.Failures.Count, last?.Kind, Csv(last?.Reason ?? "")));
            }
        });
    }

    /// <summary>Reads the results table back (for reports and the surrogate).</summary>
    public static List<ResultRow> ReadResults(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"no results database at {path}; run `matsim campaign collect` first", path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT stage, job_id, framework, guest, temperature_K, pressure_Pa, quantity, value, error, unit, software_version, wall_time_s FROM results";
        using var reader = command.ExecuteReader();
        var rows = new List<ResultRow>();
        while (reader.Read())
            rows.Add(new ResultRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetString(6), reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? double.NaN : reader.GetDouble(11)));
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < values.Length; i++)
        {
            object? v = values[i] is double d && !double.IsFinite(d) ? null : values[i];
            command.Parameters.AddWithValue("$" + (char)('a' + i), v ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Csv(string? text) =>
        text is null ? "" : text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
