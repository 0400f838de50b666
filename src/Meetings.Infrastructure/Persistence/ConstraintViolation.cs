using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>Recognises the database's own refusal of a write, whatever the provider.</summary>
public static class ConstraintViolation
{
    // SQLite extended result codes: SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY, _FOREIGNKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        { } inner => SqlState(inner) == "23505",
        _ => false,
    };

    public static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode == SqliteForeignKey,
        { } inner => SqlState(inner) == "23503",
        _ => false,
    };

    /// <summary>
    /// Text the database cannot store (PostgreSQL: 22021, e.g. a NUL character). The API refuses such
    /// input before; this keeps any other way in from becoming a 500.
    /// </summary>
    public static bool IsUnstorableText(Exception e) => DatabaseFailure.Chain(e).Any(x => SqlState(x) == "22021");

    private static string? SqlState(Exception e) => (e as System.Data.Common.DbException)?.SqlState;
}
