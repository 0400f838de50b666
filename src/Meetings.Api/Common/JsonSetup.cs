using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meetings.Api.Common;

/// <summary>
/// JSON as SPEC §1 fixes it: camelCase, enums as lower-case (kebab) strings, unknown enum values and
/// numbers for enums refused (400).
/// </summary>
internal static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new InstantJsonConverter());
    }

    public static IServiceCollection AddMeetingsJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        // Swashbuckle reads the MVC options to describe schemas; keep both identical.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Apply(o.JsonSerializerOptions));
        return services;
    }
}
