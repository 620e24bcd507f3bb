import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { freePort } from "./free-port";

export type RedisProcess = {
  host: "127.0.0.1";
  port: number;
  pid: number;
  dir: string;
  /** Stops the server by PID and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
};

export type StartRedisOptions = {
  /** Extra `redis-server` arguments, e.g. ["--requirepass", "x"] or ["--databases", "32"]. */
  args?: string[];
  /** Parent directory for the instance's own directory (default: the OS temp dir). */
  baseDir?: string;
  /** Name used in the directory name, for humans reading `ps`. */
  name?: string;
  /** Seed the instance from this RDB file (copied into its directory as dump.rdb). */
  rdbFile?: string;
  /** Other files copied into its directory first (name there -> path), e.g. a cluster node's nodes.conf. */
  files?: Record<string, string>;
  /** Listen on this port (a node restarted where its peers and clients expect it); no retry elsewhere. */
  port?: number;
  /** Serve TLS only (no plaintext port) with these PEM files; clients are not asked for certificates. */
  tls?: { certFile: string; keyFile: string; caFile: string };
};

const running = new Set<RedisProcess>();

/**
 * Starts a real redis-server on a free 127.0.0.1 port with its own directory, persistence off
 * unless `args` turn it on, and waits until it answers PING.
 */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisProcess> {
  const base = opts.baseDir ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `ferry-redis-${opts.name ?? "x"}-`));
  if (opts.rdbFile) fs.copyFileSync(opts.rdbFile, path.join(dir, "dump.rdb"));
  for (const [name, from] of Object.entries(opts.files ?? {})) fs.copyFileSync(from, path.join(dir, name));
  for (let attempt = 0; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const child = spawn(
      "redis-server",
      [...portArgs(port, opts.tls), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no",
        "--dbfilename", "dump.rdb", "--daemonize", "no", "--loglevel", "warning", "--logfile", "redis.log",
        ...(opts.args ?? [])],
      { stdio: "ignore", detached: false },
    );
    try {
      await waitForPing(port, child, !!opts.tls);
    } catch (err) {
      child.kill("SIGKILL");
      if (attempt < 2 && !opts.port) continue; // the port may have been taken between freePort() and bind
      fs.rmSync(dir, { recursive: true, force: true });
      const log = readLog(dir);
      throw new Error(`redis-server did not start on ${port}: ${(err as Error).message}${log ? `\n${log}` : ""}`);
    }
    const proc: RedisProcess = {
      host: "127.0.0.1",
      port,
      pid: child.pid!,
      dir,
      stop: () => stopProcess(proc, child),
    };
    running.add(proc);
    return proc;
  }
}

/** Stops every server this process started (for exit handlers). */
export async function stopAllRedis(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

async function stopProcess(proc: RedisProcess, child: ChildProcess): Promise<void> {
  if (!running.delete(proc)) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(proc.dir, { recursive: true, force: true });
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "redis.log"), "utf8").trim().split("\n").slice(-5).join("\n");
  } catch {
    return "";
  }
}

function portArgs(port: number, t: StartRedisOptions["tls"]): string[] {
  if (!t) return ["--port", String(port)];
  return ["--port", "0", "--tls-port", String(port), "--tls-cert-file", t.certFile, "--tls-key-file", t.keyFile,
    "--tls-ca-cert-file", t.caFile, "--tls-auth-clients", "no"];
}

async function waitForPing(port: number, child: ChildProcess, useTls: boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await ping(port, useTls)) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error("no PONG within 10 s");
}

function ping(port: number, useTls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    // Readiness only: the certificate is checked by the clients that use the server.
    const sock = useTls ? tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false }) : net.connect(port, "127.0.0.1");
    let buf = "";
    sock.setTimeout(500);
    sock.on(useTls ? "secureConnect" : "connect", () => sock.write("PING\r\n"));
    // A server still loading its RDB answers -LOADING; it is not ready yet.
    sock.on("data", (d) => {
      buf += d.toString();
      if (buf.includes("\r\n")) {
        sock.destroy();
        resolve(buf.startsWith("+PONG") || buf.startsWith("-NOAUTH"));
      }
    });
    sock.on("error", () => resolve(false));
    sock.on("timeout", () => {
      sock.destroy();
      resolve(false);
    });
  });
}
