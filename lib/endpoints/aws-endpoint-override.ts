import { env } from "../env";

/**
 * Why an endpoint's AWS endpoint override cannot be used, or undefined when it can. Requests
 * signed with the server's credentials go there, so only https:// unless the server allows plain
 * HTTP (FERRY_ALLOW_HTTP_AWS_ENDPOINTS=1, set by the lab and the demo), and no user:password part.
 */
export function awsEndpointOverrideProblem(url: string, allowHttp = env().FERRY_ALLOW_HTTP_AWS_ENDPOINTS === "1"): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "A URL such as https://vpce-0123.elasticache.us-east-1.vpce.amazonaws.com.";
  }
  if (parsed.protocol === "http:" && !allowHttp) return "Only https:// endpoints: this server does not allow plain HTTP ones.";
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Only https:// endpoints.";
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return "Just the scheme, host and port: no credentials, query or fragment.";
  return undefined;
}
