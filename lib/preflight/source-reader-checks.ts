import type { RedisFacts } from "./redis-facts";
import { check, type PreflightCheck } from "./types";

/** Who opens the replication connection to the source: ElastiCache's nodes (online) or the target host (replicaof). */
export type TSourceReader = {
  /** As it reads in a title: "ElastiCache", "the target host 10.0.1.7". */
  name: string;
  /** Where the security group or firewall must let it in from. */
  from: string;
  /** The reader connects from the source's own host, over loopback. */
  local: boolean;
};

export const ELASTICACHE_READER: TSourceReader = { name: "ElastiCache", from: "the ElastiCache subnets", local: false };

const LOOPBACK = /^-?(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** The host part of `host:port` or `[v6]:port (TLS)` as describeEndpoint writes it. */
function hostOf(where: string): string {
  const m = /^\[([^\]]+)\]|^([^:\s]+)/.exec(where);
  return m?.[1] ?? m?.[2] ?? where;
}

/** REPLICAOF: the target host connects to the source; on the same host that is loopback. */
export function replicaReader(source: RedisFacts, target: RedisFacts | null): TSourceReader {
  if (!target) return { name: "the target host", from: "the target host", local: false };
  const [s, t] = [hostOf(source.where), hostOf(target.where)];
  const local = s === t || (LOOPBACK.test(s) && LOOPBACK.test(t));
  return { name: `the target host ${t}`, from: `the target host ${t}`, local };
}

export function protectedModeCheck(f: RedisFacts, reader: TSourceReader): PreflightCheck {
  const title = "Protected mode is off";
  const why = `With protected-mode yes and no password, Redis refuses every client that is not on loopback, including ${reader.name}.`;
  const fix = "`CONFIG SET protected-mode no` (and `protected-mode no` in redis.conf, or `CONFIG REWRITE`).";
  const v = f.config["protected-mode"];
  if (v.value === null) return check("source.protected-mode", "source", title, "unknown", `CONFIG GET protected-mode failed: ${v.error}`, why, fix);
  if (v.value !== "no" && reader.local) {
    return check("source.protected-mode", "source", title, "pass", `protected-mode is "${v.value}", and ${reader.name} connects over loopback, which protected mode allows.`, why);
  }
  return check("source.protected-mode", "source", title, v.value === "no" ? "pass" : "fail", `protected-mode is "${v.value}".`, why, fix);
}

export function bindCheck(f: RedisFacts, reader: TSourceReader): PreflightCheck {
  const title = `Source listens on an address ${reader.name} can reach`;
  const why = `${reader.name[0].toUpperCase()}${reader.name.slice(1)} opens the replication connection to the source; if Redis binds only loopback, nothing outside the source's host can connect.`;
  const fix = `Bind the private IP too: \`CONFIG SET bind "<private-ip> 127.0.0.1"\` (or \`"* -::*"\`), persist it in redis.conf, and open the security group or firewall to ${reader.from}.`;
  const v = f.config.bind;
  if (v.value === null) return check("source.bind", "source", title, "unknown", `CONFIG GET bind failed: ${v.error}`, why, fix);
  const addrs = v.value.split(/\s+/).filter(Boolean);
  const external = addrs.filter((a) => !LOOPBACK.test(a));
  if (addrs.length > 0 && external.length === 0) {
    if (reader.local) return check("source.bind", "source", title, "pass", `bind is "${v.value}" (loopback only), and ${reader.name} is on the source's host.`, why);
    return check("source.bind", "source", title, "fail", `bind is "${v.value}" (loopback only).`, why, fix);
  }
  return check("source.bind", "source", title, "pass", `bind is "${v.value || "(all interfaces)"}".`, `${why} Ferry cannot see security groups or firewalls; make sure they allow ${reader.from}.`);
}
