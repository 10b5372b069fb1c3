using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>Parameterised commands, in a writer's transaction or on a reading connection.</summary>
internal static class SqlCommands
{
    // The writer runs the same few statements thousands of times a second: each connection keeps
    // its commands (and with them SQLite's compiled statements) by text instead of parsing the SQL
    // again for every write. A connection is used by one thread at a time, and so is its cache.
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs a statement in the transaction, reusing the connection's compiled statement for this text.</summary>
    public static int Execute(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        transaction.Reused(sql, parameters).ExecuteNonQuery();

    /// <summary>The first column of the first row (or null), reusing the connection's compiled statement for this text.</summary>
    public static object? Scalar(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        transaction.Reused(sql, parameters).ExecuteScalar();

    /// <summary>The connection's command for <paramref name="sql"/>, bound to this transaction and these values.</summary>
    internal static SqliteCommand Reused(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("the transaction has already ended");
        var commands = Prepared.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        Bind(command.Parameters, parameters);
        return command;
    }

    private static void Bind(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length || !SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value ?? DBNull.Value);
            }

            return;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }
    }

    private static bool SameNames(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
