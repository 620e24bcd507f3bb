import "server-only";
import { AppError } from "../errors";
import { onlineFlow } from "./online";
import { replicaofFlow } from "./replicaof";
import { replicateFlow } from "./replicate";
import { snapshotFlow } from "./snapshot";
import { serverlessOnlineFlow } from "./serverless-online";
import type { TFlow } from "./types";

const FLOWS: Record<string, TFlow> = { online: onlineFlow, replicaof: replicaofFlow, snapshot: snapshotFlow, replicate: replicateFlow, "serverless-online": serverlessOnlineFlow };

/** The step list of a strategy. */
export function flowFor(strategy: string): TFlow {
  const flow = FLOWS[strategy];
  if (!flow) throw new AppError("ILLEGAL_TRANSITION", `The ${strategy} strategy cannot be run by Ferry.`);
  return flow;
}

export function hasFlow(strategy: string): boolean {
  return strategy in FLOWS;
}
