using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Hosting;

/// <summary>
/// How every configuration value is checked at start. Each section is bound by <see cref="BindChecked{T}"/> (a value
/// the binder cannot convert — <c>banana</c> for a number — is named instead of thrown as the binder's exception) and
/// checked by one validator of its own (<see cref="CheckedBy{T, TCheck}"/>: an <see cref="IValidateOptions{TOptions}"/>
/// run by <c>ValidateOnStart</c>). The host runs them before anything starts — before the port is bound and the
/// database touched — and a wrong value ends the start with an <see cref="OptionsValidationException"/> whose failures
/// (<see cref="Wrong"/>) each name the key in both forms and what it must be; the Api writes them as one line and exits
/// with 1 (<c>Startup.RunMeetingsAsync</c>). What reads the configuration while the service is composed reads it
/// leniently and leaves the verdict to these checks, so composing never throws on a value.
/// </summary>
public static class SettingChecks
{
    private const int ShownLength = 80;

    /// <summary>
    /// One failure: <c>Mail:From (Mail__From) must be a mailbox such as meetings@stadt.example; it is 'x'.</c> The value
    /// is shown unless it is null (pass none for secrets), cut to 80 characters, control characters as <c>?</c>. A key
    /// of one part (the standard <c>OTEL_*</c> variables) has one form and is named once.
    /// </summary>
    public static string Wrong(string key, string mustBe, string? value = null) =>
        (key.Contains(':', StringComparison.Ordinal) ? $"{key} ({key.Replace(":", "__", StringComparison.Ordinal)})" : key) + $" must be {mustBe}"
        + (value is null ? "." : $"; it is '{Shown(value)}'.");

    /// <summary>The failures of a start that a wrong setting ended (none for any other exception).</summary>
    public static IReadOnlyList<string> FailuresOf(Exception exception) => exception switch
    {
        OptionsValidationException e => e.Failures.ToList(),
        AggregateException e when e.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(i => i is OptionsValidationException) =>
            inner.SelectMany(FailuresOf).ToList(),
        _ => [],
    };

    /// <summary>Binds <paramref name="section"/>, naming every value of it that cannot become its property's type.</summary>
    public static OptionsBuilder<T> BindChecked<T>(this OptionsBuilder<T> builder, string section)
        where T : class
    {
        builder.Configure<IConfiguration>((options, configuration) =>
        {
            var values = configuration.GetSection(section);
            var unreadable = Unreadable(values, typeof(T)).ToList();
            if (unreadable.Count > 0)
            {
                throw new OptionsValidationException(builder.Name, typeof(T), unreadable);
            }

            values.Bind(options);
        });
        return builder;
    }

    /// <summary>Checks the options with <typeparamref name="TCheck"/> when the service starts.</summary>
    public static OptionsBuilder<T> CheckedBy<T, TCheck>(this OptionsBuilder<T> builder)
        where T : class
        where TCheck : class, IValidateOptions<T>
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TCheck>());
        return builder.ValidateOnStart();
    }

    /// <summary>A number within bounds, or its failure: "<paramref name="what"/> from <paramref name="min"/> to <paramref name="max"/>".</summary>
    public static void Within(ICollection<string> wrong, string key, long value, long min, long max, string what)
    {
        if (value < min || value > max)
        {
            wrong.Add(Wrong(key, $"{what} from {min} to {max}", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The values the binder would fail on, as it would meet them (nested sections included, lists not).</summary>
    private static IEnumerable<string> Unreadable(IConfigurationSection section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var child = section.GetSection(property.Name);
            var nullable = Nullable.GetUnderlyingType(property.PropertyType);
            var target = nullable ?? property.PropertyType;
            if (target.IsPrimitive || target.IsEnum || target == typeof(decimal) || target == typeof(TimeSpan))
            {
                if (child.Value is { } raw && !(nullable is not null && raw.Length == 0) && !Converts(raw, target))
                {
                    yield return Wrong(child.Path, Expected(target), raw);
                }
            }
            else if (target.IsClass && target != typeof(string) && !target.IsArray)
            {
                foreach (var inner in Unreadable(child, target))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool Converts(string raw, Type target)
    {
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(raw);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Expected(Type target) => target switch
    {
        _ when target == typeof(bool) => "true or false",
        _ when target.IsEnum => "one of " + string.Join(", ", Enum.GetNames(target)),
        _ when target == typeof(TimeSpan) => "a time span such as 00:05:00",
        _ when target == typeof(double) || target == typeof(float) || target == typeof(decimal) => "a number",
        _ => "a whole number",
    };

    private static string Shown(string value)
    {
        var shown = new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length <= ShownLength ? shown : shown[..ShownLength] + "…";
    }
}
