using System.Net;
using Meetings.Infrastructure.Mail.Composition.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// Writes a <see cref="Letter"/> through its Razor templates (ASP.NET Core's <see cref="HtmlRenderer"/>): the HTML part,
/// and the plain-text part from a template that writes only text (the entities the renderer encodes are decoded again).
/// A renderer per letter, in a scope of its own: an <see cref="HtmlRenderer"/> keeps every component it rendered until
/// it is disposed (one kept for the process would hold every mail ever sent), and it resolves scoped services
/// (ComponentsActivitySource), which the root provider refuses where scopes are validated (Development).
/// </summary>
public sealed class LetterRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>The plain-text and the HTML part of one letter.</summary>
    public async Task<(string Text, string Html)> RenderAsync(Letter letter)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var text = (await renderer.RenderComponentAsync<LetterText>(Parameters(letter))).ToHtmlString();
            var html = (await renderer.RenderComponentAsync<LetterHtml>(Parameters(letter))).ToHtmlString();
            return (WebUtility.HtmlDecode(text).Trim() + "\n", html);
        });
    }

    private static ParameterView Parameters(Letter letter) =>
        ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(LetterHtml.Letter)] = letter });
}
