using MatSim.Learning.Calculators;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using QuantumEspressoCalculator;

// A water molecule through pw.x, cached: the second call is served from the cache. Without pw.x
// on PATH the example prints the input it would run and the reason.
const string template = """
    &CONTROL
      calculation = 'scf', tprnfor = .true., pseudo_dir = './pseudo'
    /
    &SYSTEM
      ibrav = 0, nat = {nat}, ntyp = {ntyp}, ecutwfc = 40
    /
    &ELECTRONS
      conv_thr = 1e-8
    /
    ATOMIC_SPECIES
    O 15.999 O.pbe-n-kjpaw_psl.1.0.0.UPF
    H 1.008 H.pbe-kjpaw_psl.1.0.0.UPF
    K_POINTS gamma
    {structure}
    """;
var water = new Structure(null, [Elements.FromSymbol("O"), Elements.FromSymbol("H"), Elements.FromSymbol("H")],
    [new Vec3(0, 0, 0), new Vec3(0.9572, 0, 0), new Vec3(-0.2400, 0.9266, 0)]);
var pw = new PwCalculator(template, timeLimit: TimeSpan.FromMinutes(30));
var cached = new CachedCalculator(pw, Path.Combine(Path.GetTempPath(), "matsim-pw-cache"));
try
{
    CalculatorResult result = cached.Calculate(water);
    Console.WriteLine($"E = {result.Energy:F6} eV; F(O) = {result.Forces[0]} eV/Å; {cached.Calculations} pw.x run(s), {cached.Hits} cache hit(s)");
}
catch (CalculatorException e)
{
    Console.WriteLine($"pw.x input:\n{pw.Input(water)}\nnot run: {e.Message}");
}
