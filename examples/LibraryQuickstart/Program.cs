// Using MatSim as a library, without the matsim command: read a CIF, expand it to the supercell a
// 12.8 Å cutoff needs, count neighbours per element and write the supercell as extended XYZ.
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Structures;

string path = args.Length > 0 ? args[0] : Path.Combine("data", "frameworks", "IRMOF-1.cif");
const double cutoff = 12.8; // Å, the internal length unit

CifStructure cif = CifReader.ReadFile(path);
foreach (string warning in cif.Warnings) Console.WriteLine($"warning: {warning}");
Structure unitCell = cif.Structure;
Replication replication = unitCell.Cell!.ReplicationFor(cutoff);
Structure supercell = unitCell.Replicate(replication);
Console.WriteLine($"{cif.Name}: {unitCell.Formula}, {unitCell.Count} atoms; {replication} supercell of {supercell.Count} atoms");

NeighborList neighbors = NeighborList.Build(supercell.Cell, supercell.Positions, 3.0, NeighborListKind.Full);
foreach (var group in Enumerable.Range(0, supercell.Count).GroupBy(i => supercell.Elements[i].Symbol).OrderBy(g => g.Key))
    Console.WriteLine($"  {group.Key,-2}: {group.Average(i => neighbors.NeighborsOf(i).Length):F2} neighbours within 3 Å on average");

string output = Path.Combine(Path.GetTempPath(), $"{cif.Name}-supercell.extxyz");
ExtXyzWriter.WriteFile(output, [new ExtXyzFrame { Structure = supercell }]);
Console.WriteLine($"written {output}");
