using System.Diagnostics;
using MediatR;
using Meetings.Domain.Common;

namespace Meetings.Api.Common;

/// <summary>
/// A request that checks its own shape (required fields, ranges) before the handler runs.
/// Rules about state live in the domain; this is only for what can be judged from the input alone.
/// </summary>
public interface IValidatedRequest
{
    void Validate(ValidationErrors errors);
}

/// <summary>
/// MediatR 5.1.0 has no DI package (docs/adr/0001): handlers of this assembly are registered here,
/// explicitly, with the behaviours of the pipeline: the audit stamp (who, which use case), logging/timing, then validation.
/// </summary>
internal static class MediatorRegistration
{
    public static IServiceCollection AddMeetingsMediator(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        var handlerInterface = typeof(IRequestHandler<,>);
        foreach (var type in typeof(MediatorRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == handlerInterface))
            {
                services.AddScoped(contract, type);
            }
        }

        return services;
    }
}

internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            logger.LogDebug("{Request} handled in {Elapsed} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

internal sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IValidatedRequest validated)
        {
            var errors = new ValidationErrors();
            validated.Validate(errors);
            errors.ThrowIfAny();
        }

        return next();
    }
}
