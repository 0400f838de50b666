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
/// One renderer per process; it serialises the renders on its own dispatcher. It lives in a scope of its own: the renderer
/// resolves scoped services (ComponentsActivitySource), which the root provider refuses where scopes are validated
/// (Development).
/// </summary>
public sealed class LetterRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly (AsyncServiceScope Scope, HtmlRenderer Renderer) _parts = Create(services, loggers);

    private HtmlRenderer Renderer => _parts.Renderer;

    public Task<string> HtmlAsync(Letter letter) => RenderAsync<LetterHtml>(letter);

    public async Task<string> TextAsync(Letter letter) => WebUtility.HtmlDecode(await RenderAsync<LetterText>(letter)).Trim() + "\n";

    public async ValueTask DisposeAsync()
    {
        await _parts.Renderer.DisposeAsync();
        await _parts.Scope.DisposeAsync();
    }

    private static (AsyncServiceScope, HtmlRenderer) Create(IServiceProvider services, ILoggerFactory loggers)
    {
        var scope = services.CreateAsyncScope();
        return (scope, new HtmlRenderer(scope.ServiceProvider, loggers));
    }

    private Task<string> RenderAsync<TTemplate>(Letter letter) where TTemplate : IComponent =>
        Renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(LetterHtml.Letter)] = letter });
            return (await Renderer.RenderComponentAsync<TTemplate>(parameters)).ToHtmlString();
        });
}
