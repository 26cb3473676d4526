using System.Reflection;
using ThemeMiner.Core.Model;

namespace ThemeMiner.Core.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Model_types_reference_no_library_types()
    {
        var forbidden = new[] { "UglyToad", "DocumentFormat", "Microsoft.ML", "Lucene" };
        var modelTypes = typeof(Passage).Assembly.GetTypes().Where(t => t.Namespace == "ThemeMiner.Core.Model").ToList();
        Assert.NotEmpty(modelTypes);
        foreach (var type in modelTypes)
        {
            var referenced = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(f => f.FieldType)
                .Concat(type.GetProperties().Select(p => p.PropertyType))
                .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
            foreach (var t in referenced.SelectMany(Expand))
                Assert.False(forbidden.Any(f => (t.Namespace ?? "").StartsWith(f, StringComparison.Ordinal)), $"{type.Name} uses {t.FullName}");
        }
    }

    private static IEnumerable<Type> Expand(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Expand).Append(t) : t.HasElementType ? Expand(t.GetElementType()!).Append(t) : [t];
}
