import "server-only";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, ChecksumConstructor, HashConstructor, Provider, RequestHandler } from "@smithy/types";
import type { HttpResponse } from "@smithy/core/protocols";
import { classifyAwsError } from "./classify-aws-error";
import type { AwsClients } from "./clients";

/*
 * The serverless online-migration calls the npm SDK lacks (REFERENCE.md section 8): PrepareMigration,
 * StopMigration, the serverless StartMigration/CompleteMigration, and DescribeServerlessCaches
 * with MigrationSummary. Sent as AWS Query requests through the ElastiCache client's own signer
 * inputs (credential provider, region, hash) and HTTP handler (its timeouts), with the SDK path's
 * retry rule for throttling/5xx and its error classification. Delete this file when the SDK
 * catches up.
 */

const VERSION = "2015-02-02";
const MAX_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 100;

export type TMigrationSummary = { status: string; cutoverMode?: string; endpoint?: { address: string; port: number } };
export type TServerlessCacheView = {
  name: string;
  status: string;
  engine: string;
  majorEngineVersion?: string;
  fullEngineVersion?: string;
  networkType?: string;
  arn?: string;
  endpoint?: { address: string; port: number };
  subnetIds: string[];
  securityGroupIds: string[];
  migration?: TMigrationSummary;
};
export type TQueryResult = { requestId?: string; cache?: TServerlessCacheView };

type TEcConfig = {
  credentials: Provider<AwsCredentialIdentity>;
  region: Provider<string>;
  sha256: ChecksumConstructor | HashConstructor;
  requestHandler: RequestHandler<HttpRequest, HttpResponse>;
  endpoint?: Provider<{ protocol: string; hostname: string; port?: number; path: string }>;
};

export async function describeServerlessCache(clients: AwsClients, name: string): Promise<TServerlessCacheView> {
  const r = await serverlessQuery(clients, "DescribeServerlessCaches", { ServerlessCacheName: name }, `DescribeServerlessCaches ${name}`);
  if (!r.cache) throw classifyAwsError({ name: "ServerlessCacheNotFoundFault", message: `Serverless cache ${name} not found.`, $metadata: { httpStatusCode: 404 } }, `DescribeServerlessCaches ${name}`);
  return r.cache;
}

export function prepareMigration(clients: AwsClients, o: { name: string; source: { host: string; port: number }; secretArn?: string; tls: { mode: "none" | "verify-ca"; certificate?: string } }): Promise<TQueryResult> {
  return serverlessQuery(clients, "PrepareMigration", {
    ServerlessCacheName: o.name,
    "CustomerNodeEndpointList.member.1.Address": o.source.host,
    "CustomerNodeEndpointList.member.1.Port": String(o.source.port),
    "SourceAuthenticationConfiguration.SecretManagerConfig.SecretArn": o.secretArn,
    "SourceTlsConfiguration.SourceTlsMode": o.tls.mode,
    "SourceTlsConfiguration.SourceTlsCertificate": o.tls.mode === "verify-ca" ? o.tls.certificate : undefined,
  }, `PrepareMigration of ${o.name}`);
}

export function startServerlessMigration(clients: AwsClients, o: { name: string; autoCutover: boolean; clearTargetCacheData: boolean }): Promise<TQueryResult> {
  return serverlessQuery(clients, "StartMigration", { ServerlessCacheName: o.name, AutoCutover: String(o.autoCutover), ClearTargetCacheData: String(o.clearTargetCacheData) }, `StartMigration of ${o.name}`);
}

export function stopServerlessMigration(clients: AwsClients, name: string): Promise<TQueryResult> {
  return serverlessQuery(clients, "StopMigration", { ServerlessCacheName: name }, `StopMigration of ${name}`);
}

export function completeServerlessMigration(clients: AwsClients, o: { name: string; force?: boolean }): Promise<TQueryResult> {
  return serverlessQuery(clients, "CompleteMigration", { ServerlessCacheName: o.name, Force: o.force ? "true" : undefined }, `CompleteMigration of ${o.name}`);
}

async function serverlessQuery(clients: AwsClients, action: string, params: Record<string, string | undefined>, context: string): Promise<TQueryResult> {
  const config = clients.elasticache.config as unknown as TEcConfig;
  const form = new URLSearchParams({ Action: action, Version: VERSION });
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
  for (let attempt = 1; ; attempt++) {
    try {
      return parseResult(await send(config, form.toString()));
    } catch (err) {
      const e = classifyAwsError(err, context);
      const status = e.detail?.httpStatus as number | undefined;
      const retryable = e.code === "AWS_THROTTLED" || (status !== undefined && status >= 500);
      if (!retryable || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, BASE_BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random())));
    }
  }
}

async function send(config: TEcConfig, body: string): Promise<string> {
  const region = await config.region();
  const ep = (await config.endpoint?.()) ?? { protocol: "https:", hostname: `elasticache.${region}.amazonaws.com`, path: "/" };
  const request = new HttpRequest({
    method: "POST",
    protocol: ep.protocol,
    hostname: ep.hostname,
    port: ep.port,
    path: ep.path || "/",
    headers: { host: ep.port ? `${ep.hostname}:${ep.port}` : ep.hostname, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const signer = new SignatureV4({ credentials: config.credentials, region, service: "elasticache", sha256: config.sha256 });
  const signed = await signer.sign(request);
  const { response } = await config.requestHandler.handle(signed as HttpRequest);
  const text = await readBody(response.body);
  const requestId = response.headers["x-amzn-requestid"] ?? /<RequestId>([^<]*)<\/RequestId>/.exec(text)?.[1];
  if (response.statusCode >= 300) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.statusCode}`;
    const message = decode(/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200));
    throw { name: code, message, $metadata: { httpStatusCode: response.statusCode, requestId } };
  }
  return text;
}

async function readBody(body: unknown): Promise<string> {
  if (typeof body === "string") return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** The <XResult> of a successful answer: one ServerlessCache (mutations) or the first of a list (describe by name). */
export function parseResult(xml: string): TQueryResult {
  const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(xml)?.[1];
  const block = /<ServerlessCache>([\s\S]*?)<\/ServerlessCache>/.exec(xml)?.[1] ?? /<ServerlessCaches>\s*<member>([\s\S]*?)<\/member>/.exec(xml)?.[1];
  return { requestId, cache: block ? parseCache(block) : undefined };
}

function parseCache(block: string): TServerlessCacheView {
  const summary = /<MigrationSummary>([\s\S]*?)<\/MigrationSummary>/.exec(block)?.[1];
  const rest = block.replace(/<MigrationSummary>[\s\S]*?<\/MigrationSummary>/, "");
  return {
    name: leaf(rest, "ServerlessCacheName") ?? "",
    status: leaf(rest, "Status") ?? "unknown",
    engine: leaf(rest, "Engine") ?? "unknown",
    majorEngineVersion: leaf(rest, "MajorEngineVersion"),
    fullEngineVersion: leaf(rest, "FullEngineVersion"),
    networkType: leaf(rest, "NetworkType"),
    arn: leaf(rest, "ARN"),
    endpoint: endpointIn(/<Endpoint>([\s\S]*?)<\/Endpoint>/.exec(rest)?.[1]),
    subnetIds: all(rest, "SubnetId"),
    securityGroupIds: all(rest, "SecurityGroupId"),
    migration: summary
      ? { status: leaf(summary, "Status") ?? "unknown", cutoverMode: leaf(summary, "CutoverMode"), endpoint: endpointIn(/<MigrationEndpoint>([\s\S]*?)<\/MigrationEndpoint>/.exec(summary)?.[1]) }
      : undefined,
  };
}

function endpointIn(xml: string | undefined) {
  const address = xml && leaf(xml, "Address");
  const port = xml && leaf(xml, "Port");
  return address && port ? { address, port: Number(port) } : undefined;
}

const leaf = (xml: string, tag: string) => {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? decode(m[1]) : undefined;
};
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((m) => decode(m[1]));
const decode = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
