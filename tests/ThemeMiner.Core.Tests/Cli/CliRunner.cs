namespace ThemeMiner.Core.Tests.Cli;

/// <summary>Runs `thememiner` in-process with captured output.</summary>
public static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ThemeMiner.Indexer.Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
