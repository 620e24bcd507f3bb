import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { NODE_ARGS } from "./elasticache/group-nodes";
import { startRedis, type RedisProcess } from "./redis-process";

/**
 * A "managed Redis" target (stands for Redis Cloud Active-Active and the like): TLS only, no
 * default user (an ACL user with a password), and RESTORE / REPLICAOF refused with Redis's
 * unknown-command error, so key-level copy must fall back to type-level writes.
 */
export type ManagedTargetFixture = { name: string; username?: string };

export type ManagedTarget = {
  name: string;
  host: "127.0.0.1";
  port: number;
  pid: number;
  tls: true;
  /** Name the certificate is issued to (also valid for 127.0.0.1). */
  servername: "localhost";
  /** PEM of the CA that signed the server certificate: what Ferry must trust. */
  caPem: string;
  username: string;
  password: string;
};

export const MANAGED_REFUSED_COMMANDS = ["RESTORE", "REPLICAOF", "SLAVEOF", "SYNC", "PSYNC"] as const;

export async function startManagedTarget(baseDir: string, f: ManagedTargetFixture): Promise<{ target: ManagedTarget; process: RedisProcess }> {
  const tlsDir = path.join(baseDir, `${f.name}-tls`);
  const files = makeCa(tlsDir);
  const username = f.username ?? "ferry";
  const password = crypto.randomBytes(18).toString("base64url");
  const proc = await startRedis({
    name: f.name,
    baseDir,
    tls: files,
    args: [
      ...NODE_ARGS,
      ...MANAGED_REFUSED_COMMANDS.flatMap((c) => ["--rename-command", c, ""]),
      "--user", "default", "off",
      "--user", username, "on", `>${password}`, "~*", "&*", "+@all",
    ],
  });
  const target: ManagedTarget = {
    name: f.name, host: proc.host, port: proc.port, pid: proc.pid, tls: true, servername: "localhost",
    caPem: fs.readFileSync(files.caFile, "utf8"), username, password,
  };
  return { target, process: proc };
}

/** A throwaway CA and a server certificate it signs for localhost / 127.0.0.1 (openssl CLI). */
function makeCa(dir: string): { certFile: string; keyFile: string; caFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const p = (n: string) => path.join(dir, n);
  const run = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"), "-out", p("ca.pem"), "-days", "30", "-subj", "/CN=Ferry lab managed CA"]);
  run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("server.key"), "-out", p("server.csr"), "-subj", "/CN=localhost"]);
  fs.writeFileSync(p("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  run(["x509", "-req", "-in", p("server.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial", "-out", p("server.pem"), "-days", "30", "-extfile", p("ext.cnf")]);
  return { certFile: p("server.pem"), keyFile: p("server.key"), caFile: p("ca.pem") };
}
