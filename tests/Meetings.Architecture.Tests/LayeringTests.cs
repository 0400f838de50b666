using MediatR;
using NetArchTest.Rules;

namespace Meetings.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md: the domain knows no framework (MimeKit only, whose parser the e-mail address rule
/// uses), Infrastructure knows no Api, and every use case (a MediatR request handler) lives in Api/Features.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Frameworks the domain must not know: persistence, web, jobs, the mail transport.</summary>
    private static readonly string[] Frameworks = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "MailKit"];

    [Fact]
    public void The_domain_references_no_EF_Core_ASP_NET_Core_Hangfire_or_MailKit()
    {
        var referenced = Assemblies.References(Assemblies.Domain).Where(name => Frameworks.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
        var result = Types.InAssembly(Assemblies.Domain).ShouldNot().HaveDependencyOnAny(Frameworks).GetResult();

        Assert.Empty(referenced);
        Assert.True(result.IsSuccessful, $"domain types that use a framework: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Infrastructure_does_not_reference_the_Api()
    {
        var result = Types.InAssembly(Assemblies.Infrastructure).ShouldNot().HaveDependencyOn("Meetings.Api").GetResult();

        Assert.DoesNotContain("Meetings.Api", Assemblies.References(Assemblies.Infrastructure));
        Assert.True(result.IsSuccessful, $"infrastructure types that use the Api: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_use_case_lives_in_Infrastructure_or_the_domain_every_request_handler_is_in_Api_Features()
    {
        Type[] handlers = [typeof(IRequestHandler<,>), typeof(IRequestHandler<>), typeof(INotificationHandler<>)];
        var misplaced = new[] { Assemblies.Domain, Assemblies.Infrastructure, Assemblies.Api }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && handlers.Contains(i.GetGenericTypeDefinition())))
            .Where(t => t.Assembly != Assemblies.Api || !(t.Namespace ?? string.Empty).StartsWith("Meetings.Api.Features.", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.DoesNotContain("MediatR", Assemblies.References(Assemblies.Infrastructure));
        Assert.True(misplaced.Count == 0, $"request handlers outside Api/Features: {string.Join(", ", misplaced)}");
    }
}
