import http from "node:http";
import type net from "node:net";
import type { LabContext } from "../context";
import { handleCloudWatch } from "../cloudwatch/handler";
import type { MetricSampler } from "../cloudwatch/sampler";
import { handleElastiCache } from "../elasticache/router";
import { handleS3 } from "../s3/router";
import { handleAdmin } from "./admin";

/**
 * The lab's one endpoint, dispatching by request shape as AWS's separate endpoints would:
 * `/_lab/*` admin, `X-Amz-Target: GraniteServiceVersion20100801.*` CloudWatch (awsJson1_0),
 * form POST to `/` ElastiCache (AWS Query), anything else S3 (REST, path-style).
 */
export async function startHttpServer(ctx: LabContext, sampler: MetricSampler, port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const type = String(req.headers["content-type"] ?? "");
    let work: Promise<void>;
    if (url.pathname.startsWith("/_lab/")) work = handleAdmin(ctx, req, res, url);
    else if (req.headers["x-amz-target"]) work = handleCloudWatch(ctx, sampler, req, res, url);
    else if (req.method === "POST" && url.pathname === "/" && type.startsWith("application/x-www-form-urlencoded")) work = handleElastiCache(ctx, req, res, url);
    else work = handleS3(ctx, req, res, url);
    work.catch((err) => {
      console.error("[lab] unhandled:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
