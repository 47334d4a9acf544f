// Runs the extraction benchmarks: dotnet run -c Release --project tests/Statements.Benchmarks/Extraction [-- --filter *]
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Statements.Benchmarks.Extraction.ExtractionBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
