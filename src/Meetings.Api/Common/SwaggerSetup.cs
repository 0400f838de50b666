using Meetings.Api.Auth;
using Meetings.Api.Common.OpenApi;
using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger. The document is the contract
/// (docs/api.md): every response the service gives validates against it, and clients are generated from it.
/// </summary>
internal static class SwaggerSetup
{
    public static IServiceCollection AddMeetingsSwagger(this IServiceCollection services)
    {
        services.AddOptions<SwaggerOptions>().BindChecked("Swagger").ValidateOnStart();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Meetings API",
                Version = "v1",
                Description = "Recurring leadership meetings of a city: series, meetings, invitations and answers, guest speakers, "
                              + "agenda and mail. Authorize with an API key (X-Api-Key); the development admin key is in the README. "
                              + "Errors are RFC 9457 problem details; the repository's docs/api.md describes the contract.",
                Contact = new OpenApiContact { Name = "The operator of this installation (the city's IT)" },
                License = new OpenApiLicense { Name = "Proprietary" },
            });
            o.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An admin, department or partner key. Development: see README.",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            foreach (var xml in new[] { "Meetings.Api.xml", "Meetings.Domain.xml" })
            {
                var path = Path.Combine(AppContext.BaseDirectory, xml);
                if (File.Exists(path))
                {
                    o.IncludeXmlComments(path, includeControllerXmlComments: true);
                }
            }

            o.SupportNonNullableReferenceTypes();
            o.SchemaFilter<RequiredProperties>();
            o.ParameterFilter<ParameterSchemas>();
            o.OperationFilter<RequestConventions>();
            o.OperationFilter<MultipartBodies>();
            o.OperationFilter<ResponseConventions>();
            o.OperationFilter<RequestExamples>();
            o.OperationFilter<ResponseExamples>();
            o.DocumentFilter<HealthOperations>();
            o.DocumentFilter<DocumentConventions>();
        });
        services.AddOptions<SwaggerGenOptions>().Configure<IOptions<OidcOptions>>((o, oidc) => OfferSignIn(o, oidc.Value));
        return services;
    }

    /// <summary>Swagger UI and the document, unless <c>Swagger:Enabled</c> is false (then both are 404s).</summary>
    public static WebApplication UseMeetingsSwagger(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Swagger:Enabled", true))
        {
            return app;
        }

        app.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
            // Swagger UI sends its calls to the first server: the installation the document was fetched from.
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This installation" }]));
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Meetings API v1");
            ui.DocumentTitle = "Meetings API";
            ui.EnablePersistAuthorization();
            if (app.Services.GetRequiredService<IOptions<OidcOptions>>().Value is { Enabled: true, SwaggerClientId: { Length: > 0 } clientId } oidc)
            {
                // The sign-in of the office: authorization code with PKCE, a public client (no secret in the page).
                ui.OAuthClientId(clientId.Trim());
                ui.OAuthUsePkce();
                ui.OAuthScopes(oidc.SwaggerScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                ui.OAuthAppName("Meetings API");
            }
        });
        return app;
    }

    /// <summary>
    /// With <c>Auth:Oidc:Authority</c> and <c>Auth:Oidc:SwaggerClientId</c> set, Swagger UI's "Authorize" also offers the
    /// sign-in with the identity provider (OpenID Connect discovery; authorization code + PKCE), beside the key: either one
    /// authorizes every operation.
    /// </summary>
    private static void OfferSignIn(SwaggerGenOptions o, OidcOptions oidc)
    {
        if (!oidc.Enabled || string.IsNullOrWhiteSpace(oidc.SwaggerClientId))
        {
            return;
        }

        o.AddSecurityDefinition(OidcBearer.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OpenIdConnect,
            OpenIdConnectUrl = new Uri(oidc.Authority!.Trim().TrimEnd('/') + "/.well-known/openid-configuration"),
            Description = "Sign in with the city's identity provider (the office: role meetings-admin; a department: meetings-department:<code>).",
        });
        o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OidcBearer.SchemeName, document)] = [],
        });
    }
}

/// <summary>The <c>Swagger</c> configuration section, checked at start (a value that is not true or false stops it).</summary>
internal sealed class SwaggerOptions
{
    /// <summary>False: no Swagger UI and no OpenAPI document (404).</summary>
    public bool Enabled { get; set; } = true;
}
