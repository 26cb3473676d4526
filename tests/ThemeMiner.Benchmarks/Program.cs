using BenchmarkDotNet.Running;

namespace ThemeMiner.Benchmarks;

public static class Program
{
    // dotnet run -c Release --project tests/ThemeMiner.Benchmarks -- --filter '*'
    // dotnet run -c Release --project tests/ThemeMiner.Benchmarks -- index-scale [--passages 200000]
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "index-scale") return IndexScale.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
