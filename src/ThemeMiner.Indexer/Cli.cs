using System.CommandLine;
using ThemeMiner.Core.Parsing;

namespace ThemeMiner.Indexer;

/// <summary>The `thememiner` command line. Each verb resolves Core services and formats their results.
/// Runs in-process for tests: output goes to the writers given, never straight to the console.</summary>
public static class Cli
{
    public const int ExitOk = 0, ExitUsage = 1, ExitFailed = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ThemeMiner: parse, tag, index and search child-safeguarding case reviews.");
        root.Subcommands.Add(ParseCommand.Build(stdout, stderr, cancellationToken));
        root.Subcommands.Add(SampleCommand.Build(stdout, stderr));
        root.Subcommands.Add(ModelCommands.Train(stdout, stderr));
        root.Subcommands.Add(ModelCommands.Classify(stdout, stderr));
        root.Subcommands.Add(ModelCommands.EvaluateCommand(stdout, stderr));
        root.Subcommands.Add(IndexCommands.Index(stdout, stderr, cancellationToken));
        root.Subcommands.Add(IndexCommands.Search(stdout, stderr));
        root.Subcommands.Add(IndexCommands.Stats(stdout, stderr));
        root.Subcommands.Add(IndexCommands.Delete(stdout, stderr));
        root.Subcommands.Add(TagCommand.Build(stdout, stderr, cancellationToken));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(WatchCommand.Build(stdout, stderr, cancellationToken));
        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or IOException)
        {
            stderr.WriteLine($"error: {ex.Message.Split('\n')[0].Trim()}");
            return ExitFailed;
        }
        catch (Exception ex)
        {
            // Last resort: one line, no stack trace. Commands handle their own expected failures.
            stderr.WriteLine($"error: {ex.Message.Split('\n')[0].Trim()}");
            return ExitFailed;
        }
    }

    /// <summary>Options shared by every verb that parses files: the per-file limits.</summary>
    internal sealed class LimitOptions
    {
        public Option<double> MaxFileMb { get; } = new("--max-file-mb") { Description = "Reject files larger than this many megabytes.", DefaultValueFactory = _ => 100 };
        public Option<int> MaxPages { get; } = new("--max-pages") { Description = "Reject documents with more pages than this.", DefaultValueFactory = _ => 1000 };
        public Option<double> Timeout { get; } = new("--timeout") { Description = "Give up on one file after this many seconds.", DefaultValueFactory = _ => 120 };

        public void AddTo(Command c) { c.Options.Add(MaxFileMb); c.Options.Add(MaxPages); c.Options.Add(Timeout); }

        public ParseLimits Read(ParseResult r) => new()
        {
            MaxFileBytes = (long)(Math.Max(0.001, r.GetValue(MaxFileMb)) * 1024 * 1024),
            MaxPages = Math.Max(1, r.GetValue(MaxPages)),
            PerFileTimeout = TimeSpan.FromSeconds(Math.Max(0.1, r.GetValue(Timeout))),
        };
    }
}
