import "server-only";
import crypto from "node:crypto";
import { env } from "../env";
import { collectMetrics } from "./collect-metrics";

const sha = (s: string) => crypto.createHash("sha256").update(s).digest();

/** GET /metrics: 404 unless FERRY_METRICS_TOKEN is set, 401 without that exact bearer token. */
export async function metricsResponse(request: Request, token: string | null = env().FERRY_METRICS_TOKEN ?? null): Promise<Response> {
  if (!token) return new Response("Not found\n", { status: 404 });
  const sent = request.headers.get("authorization")?.match(/^Bearer\s+(\S{1,256})$/i)?.[1] ?? "";
  // Compared as hashes in constant time, so the answer's timing says nothing about the token.
  if (!crypto.timingSafeEqual(sha(sent), sha(token))) return new Response("Unauthorized\n", { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  return new Response(await collectMetrics(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
}
