namespace Pipeline.AppHost.Resources;

/// <summary>Every resource of this run (the AppHost itself first), as the dashboard lists them. Thread-safe.</summary>
public sealed class ResourceRegistry
{
    readonly Lock gate = new();
    readonly List<ResourceState> resources = [];

    /// <summary>Adds a resource (or replaces the one with the same name).</summary>
    public void Add(ResourceState resource)
    {
        lock (gate)
        {
            resources.RemoveAll(r => r.Spec.Name == resource.Spec.Name);
            resources.Add(resource);
        }
    }

    /// <summary>The resources in the order they were added.</summary>
    public IReadOnlyList<ResourceState> All()
    {
        lock (gate)
        {
            return resources.ToList();
        }
    }

    /// <summary>The resource with this name, if any.</summary>
    public ResourceState? Find(string name)
    {
        lock (gate)
        {
            return resources.FirstOrDefault(r => r.Spec.Name == name);
        }
    }
}
