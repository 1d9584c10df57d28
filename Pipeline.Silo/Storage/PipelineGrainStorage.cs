using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Pipeline.Silo.Storage;

/// <summary>
/// Orleans grain state on our <see cref="IGrainStateStore"/> (SQLite locally, DynamoDB on AWS), as readable JSON.
/// The ETag is the store's version: a write or clear whose version is stale fails with
/// <see cref="InconsistentStateException"/>, so two activations of a grain can never both win.
/// </summary>
public sealed class PipelineGrainStorage(IGrainStateStore store) : IGrainStorage
{
    /// <summary>The provider name grains use in <c>[PersistentState(..., Name)]</c>.</summary>
    public const string Name = "pipeline";

    /// <summary>The JSON of every state: web names, enums as text, so a row reads as it means.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = await store.ReadAsync(Key(stateName, grainId));
        if (record is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(record.Json, Json) ?? Activator.CreateInstance<T>();
        grainState.ETag = ETag(record.Version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var expected = Version(grainState.ETag);
        try
        {
            var version = await store.WriteAsync(key, JsonSerializer.Serialize(grainState.State, Json), expected);
            grainState.ETag = ETag(version);
            grainState.RecordExists = true;
        }
        catch (ConcurrencyException e)
        {
            throw new InconsistentStateException(e.Message, storedEtag: "(newer)", currentEtag: grainState.ETag, e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await store.ClearAsync(Key(stateName, grainId), Version(grainState.ETag));
        }
        catch (ConcurrencyException e)
        {
            throw new InconsistentStateException(e.Message, storedEtag: "(newer)", currentEtag: grainState.ETag, e);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The store's key: the grain id (<c>dataset/nyc_taxi</c>), plus the state's name when a grain has several.</summary>
    public static string Key(string stateName, GrainId grainId) =>
        stateName == "state" ? grainId.ToString() : $"{grainId}#{stateName}";

    static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    static long Version(string? etag) => etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);
}
