using System.Net;
using Meetings.Infrastructure.Mail.Composition.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// Writes a <see cref="Letter"/> through its Razor templates (ASP.NET Core's <see cref="HtmlRenderer"/>): the HTML part,
/// and the plain-text part from a template that writes only text (the entities the renderer encodes are decoded again).
/// One renderer per process; it serialises the renders on its own dispatcher.
/// </summary>
public sealed class LetterRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly HtmlRenderer _renderer = new(services, loggers);

    public Task<string> HtmlAsync(Letter letter) => RenderAsync<LetterHtml>(letter);

    public async Task<string> TextAsync(Letter letter) => WebUtility.HtmlDecode(await RenderAsync<LetterText>(letter)).Trim() + "\n";

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    private Task<string> RenderAsync<TTemplate>(Letter letter) where TTemplate : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(LetterHtml.Letter)] = letter });
            return (await _renderer.RenderComponentAsync<TTemplate>(parameters)).ToHtmlString();
        });
}
