import { leaf, list, node } from "../http/xml";
import { primaryOf, type Group, type LabEvent, type Member, type Snapshot } from "./state";

/** XML shapes follow the SDK's schemas (ReplicationGroup$, CacheCluster$, Snapshot$, Event$). */

const endpoint = (name: string, port: number) => node(name, leaf("Address", "127.0.0.1"), leaf("Port", port));
const arn = (g: { account: { accountId: string } }, region: string, kind: string, id: string) =>
  `arn:aws:elasticache:${region}:${g.account.accountId}:${kind}:${id}`;
const enabled = (b: boolean) => (b ? "enabled" : "disabled");

export function renderGroup(g: Group, region: string): string {
  const nodeGroups = g.shards.map((s) => {
    // While creating, the nodes may not be up yet: AWS also omits endpoints then.
    if (s.members.length === 0) return node("NodeGroup", leaf("NodeGroupId", s.nodeGroupId), leaf("Status", "creating"));
    const primary = primaryOf(s);
    const reader = s.members.find((m) => m.role === "replica") ?? primary;
    return node(
      "NodeGroup",
      leaf("NodeGroupId", s.nodeGroupId),
      leaf("Status", g.status === "creating" ? "creating" : "available"),
      g.clusterEnabled ? "" : endpoint("PrimaryEndpoint", primary.redis.port),
      g.clusterEnabled ? "" : endpoint("ReaderEndpoint", reader.redis.port),
      leaf("Slots", s.slots),
      list(
        "NodeGroupMembers",
        s.members.map((m) =>
          node(
            "NodeGroupMember",
            leaf("CacheClusterId", m.clusterId),
            leaf("CacheNodeId", "0001"),
            // Cluster mode enabled: AWS gives neither endpoint nor role here (DescribeCacheClusters has the endpoint).
            g.clusterEnabled ? "" : endpoint("ReadEndpoint", m.redis.port),
            leaf("PreferredAvailabilityZone", m.az),
            g.clusterEnabled ? "" : leaf("CurrentRole", m.role),
          ),
        ),
      ),
    );
  });
  return node(
    "ReplicationGroup",
    leaf("ReplicationGroupId", g.id),
    leaf("Description", g.description),
    leaf("Status", g.status),
    node("PendingModifiedValues"),
    list("MemberClusters", g.memberIds.map((id) => leaf("ClusterId", id))),
    list("NodeGroups", nodeGroups),
    leaf("SnapshottingClusterId", g.snapshottingClusterId),
    leaf("AutomaticFailover", enabled(g.autoFailover)),
    leaf("MultiAZ", enabled(g.multiAZ)),
    // AWS's is a DNS name over every node; any node answers CLUSTER SLOTS, so the lab names a fixed one.
    g.clusterEnabled && g.shards[0].members.length ? endpoint("ConfigurationEndpoint", g.shards[0].members[0].redis.port) : "",
    leaf("SnapshotRetentionLimit", 0),
    leaf("ClusterEnabled", g.clusterEnabled),
    leaf("CacheNodeType", g.nodeType),
    leaf("AuthTokenEnabled", false),
    leaf("TransitEncryptionEnabled", g.transitEncryption),
    leaf("AtRestEncryptionEnabled", g.atRestEncryption),
    leaf("ARN", arn(g, region, "replicationgroup", g.id)),
    leaf("ReplicationGroupCreateTime", g.createdAt),
    leaf("DataTiering", enabled(g.dataTiering)),
    leaf("AutoMinorVersionUpgrade", true),
    leaf("NetworkType", "ipv4"),
    leaf("IpDiscovery", "ipv4"),
    leaf("ClusterMode", enabled(g.clusterEnabled)),
    leaf("Engine", "redis"),
  );
}

export function renderCacheCluster(g: Group, m: Member, region: string, showNodes: boolean): string {
  const status = g.status === "migrating" ? "available" : g.status;
  return node(
    "CacheCluster",
    leaf("CacheClusterId", m.clusterId),
    leaf("CacheNodeType", g.nodeType),
    leaf("Engine", "redis"),
    leaf("EngineVersion", g.engineVersion),
    leaf("CacheClusterStatus", status),
    leaf("NumCacheNodes", 1),
    leaf("PreferredAvailabilityZone", m.az),
    leaf("CacheClusterCreateTime", m.createdAt),
    leaf("PreferredMaintenanceWindow", "sun:05:00-sun:06:00"),
    node("CacheParameterGroup", leaf("CacheParameterGroupName", g.parameterGroupName), leaf("ParameterApplyStatus", g.parameterApplyStatus)),
    leaf("CacheSubnetGroupName", "default"),
    showNodes
      ? list("CacheNodes", [
          node(
            "CacheNode",
            leaf("CacheNodeId", "0001"),
            leaf("CacheNodeStatus", status === "creating" ? "creating" : "available"),
            leaf("CacheNodeCreateTime", m.createdAt),
            endpoint("Endpoint", m.redis.port),
            leaf("ParameterGroupStatus", g.parameterApplyStatus),
            leaf("CustomerAvailabilityZone", m.az),
          ),
        ])
      : "",
    leaf("AutoMinorVersionUpgrade", true),
    leaf("ReplicationGroupId", g.id),
    leaf("SnapshotRetentionLimit", 0),
    leaf("AuthTokenEnabled", false),
    leaf("TransitEncryptionEnabled", g.transitEncryption),
    leaf("AtRestEncryptionEnabled", g.atRestEncryption),
    leaf("ARN", arn(g, region, "cluster", m.clusterId)),
    leaf("ReplicationGroupLogDeliveryEnabled", false),
    leaf("NetworkType", "ipv4"),
    leaf("IpDiscovery", "ipv4"),
  );
}

export function renderSnapshot(s: Snapshot, region: string): string {
  const g = s.group;
  return node(
    "Snapshot",
    leaf("SnapshotName", s.name),
    leaf("ReplicationGroupId", g.id),
    leaf("ReplicationGroupDescription", g.description),
    leaf("SnapshotStatus", s.status),
    leaf("SnapshotSource", "manual"),
    leaf("CacheNodeType", g.nodeType),
    leaf("Engine", "redis"),
    leaf("EngineVersion", g.engineVersion),
    leaf("CacheClusterCreateTime", s.createdAt),
    leaf("Port", g.port),
    leaf("CacheParameterGroupName", g.clusterEnabled ? "default.redis7.cluster.on" : "default.redis7"),
    leaf("CacheSubnetGroupName", "default"),
    leaf("AutoMinorVersionUpgrade", true),
    leaf("SnapshotRetentionLimit", 0),
    leaf("NumNodeGroups", s.nodes.length),
    leaf("AutomaticFailover", enabled(g.autoFailover)),
    list(
      "NodeSnapshots",
      s.nodes.map((n) =>
        node(
          "NodeSnapshot",
          leaf("CacheClusterId", n.clusterId),
          leaf("NodeGroupId", n.nodeGroupId),
          leaf("CacheNodeId", "0001"),
          n.slots ? node("NodeGroupConfiguration", leaf("NodeGroupId", n.nodeGroupId), leaf("Slots", n.slots)) : "",
          leaf("CacheSize", `${Math.max(1, Math.ceil(n.bytes / 1048576))} MB`),
          leaf("CacheNodeCreateTime", s.createdAt),
          leaf("SnapshotCreateTime", s.createdAt),
        ),
      ),
    ),
    leaf("ARN", arn(s, region, "snapshot", s.name)),
    leaf("DataTiering", enabled(g.dataTiering)),
  );
}

export function renderEvent(e: LabEvent): string {
  return node(
    "Event",
    leaf("SourceIdentifier", e.sourceId),
    leaf("SourceType", e.sourceType),
    leaf("Message", e.message),
    leaf("Date", e.date),
  );
}
