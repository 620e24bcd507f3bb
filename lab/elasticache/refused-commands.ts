import crypto from "node:crypto";
import Redis from "ioredis";

/**
 * What ElastiCache refuses on node-based clusters (REFERENCE.md section 9). Renamed on every lab
 * node to a name only this process knows, so a client gets exactly Redis's (and ElastiCache's)
 * `ERR unknown command 'config', with args beginning with: ...` while the lab keeps using them
 * for its own StartMigration, CreateSnapshot and parameter-group work.
 */
export const ELASTICACHE_RENAMED_COMMANDS = [
  "CONFIG", "REPLICAOF", "SLAVEOF", "BGSAVE", "SAVE", "BGREWRITEAOF", "DEBUG", "MIGRATE", "SHUTDOWN",
] as const;
export type RenamedCommand = (typeof ELASTICACHE_RENAMED_COMMANDS)[number];

/**
 * SYNC/PSYNC cannot be renamed (the group's own replicas send them by name), nor can subcommands:
 * these are denied to the default user by ACL instead (clients see NOPERM), and the group's
 * replicas authenticate as an internal user that may sync.
 */
const DENIED_TO_CLIENTS = [
  "-sync", "-psync",
  "-acl|setuser", "-acl|deluser", "-acl|load", "-acl|save",
  "-cluster|addslots", "-cluster|addslotsrange", "-cluster|delslots", "-cluster|delslotsrange", "-cluster|bumpepoch",
  "-cluster|failover", "-cluster|flushslots", "-cluster|forget", "-cluster|meet", "-cluster|setslot", "-cluster|links",
];

const secret = crypto.randomBytes(12).toString("hex");
const REPLICATION_USER = `lab-replication-${secret.slice(0, 8)}`;

/** The lab-internal name of a refused command on this run's nodes. */
export const labCommandName = (name: RenamedCommand): string => `lab-${secret}-${name.toLowerCase()}`;

/** Runs a refused command on a lab node under its internal name. */
export function labCall(client: Redis, name: RenamedCommand, ...args: (string | number)[]): Promise<unknown> {
  return client.call(labCommandName(name), ...args);
}

/**
 * A connection as the lab-internal user, which may run what clients are denied (CLUSTER MEET,
 * ADDSLOTSRANGE, FAILOVER...): the lab's privileged path for forming and failing over shards.
 */
export function openLabAdmin(port: number): Redis {
  const c = new Redis({ host: "127.0.0.1", port, username: REPLICATION_USER, password: secret, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  c.on("error", () => {});
  return c;
}

/** redis-server arguments that make a node refuse what ElastiCache refuses. */
export function elastiCacheNodeArgs(role: "primary" | "replica"): string[] {
  const renames = ELASTICACHE_RENAMED_COMMANDS.flatMap((c) => ["--rename-command", c, labCommandName(c)]);
  const users = [
    "--user", "default", "on", "nopass", "~*", "&*", "+@all", ...DENIED_TO_CLIENTS,
    "--user", REPLICATION_USER, "on", `>${secret}`, "~*", "&*", "+@all",
  ];
  // A primary keeps no masterauth: during an online migration it replicates from the customer's
  // source, which knows nothing of the lab's internal user.
  const auth = role === "replica" ? ["--masteruser", REPLICATION_USER, "--masterauth", secret] : [];
  return [...renames, ...users, ...auth];
}
