import type { TcpProbeResult } from "../redis/probe-tcp";
import { check, type PreflightCheck } from "./types";

/**
 * What Ferry itself can reach. Ferry's view is not ElastiCache's (different subnets, security
 * groups), so an unreachable ElastiCache node is a warning, while an unreachable source fails:
 * Ferry must read it to verify the migration.
 */
export function reachabilityCheck(id: string, label: string, probe: TcpProbeResult, unreachableIs: "fail" | "warn"): PreflightCheck {
  const where = `${probe.host}:${probe.port}`;
  const why = `Ferry connects to the ${label} to take baselines, watch progress and verify keys.`;
  if (probe.reachable) return check(id, "network", `Ferry reaches the ${label}`, "pass", `TCP connect to ${where} in ${probe.ms} ms.`, why);
  const fix = probe.code === "ENOTFOUND" || probe.code === "EAI_AGAIN"
    ? "Fix the host name, or run Ferry where the private DNS name resolves (inside the VPC)."
    : `Open the security group / firewall of ${where} to Ferry's address, check routing (VPC peering, VPN), and that Redis listens on that port.`;
  return check(id, "network", `Ferry reaches the ${label}`, unreachableIs, `TCP connect to ${where} failed after ${probe.ms} ms: ${probe.code} ${probe.message}.`, why, fix);
}
