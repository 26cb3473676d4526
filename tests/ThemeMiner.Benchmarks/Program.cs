using BenchmarkDotNet.Running;

namespace ThemeMiner.Benchmarks;

public static class Program
{
    // dotnet run -c Release --project tests/ThemeMiner.Benchmarks -- --filter '*'
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
