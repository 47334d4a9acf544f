// Runs the micro-benchmarks: dotnet run -c Release --project tests/Statements.Benchmarks/Micro -- --filter '*' --job short
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Statements.Benchmarks.Micro.PageOfStatements).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
