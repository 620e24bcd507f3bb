import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { ACTIVE_STATES } from "../flows/states";
import type { TSessionUser } from "../auth/sessions";
import type { TEndpointEdit, TEndpointInput } from "./endpoint-input";
import { toEndpointView, type TEndpointView } from "./endpoint-view";
import { endpointColumns } from "./endpoint-columns";
import { refuseTakenName } from "./refuse-taken-name";

/**
 * Edits an endpoint in place. Secrets left blank are kept; the last connection check is cleared
 * because it described the old address. The kind cannot change (migrations planned on it).
 */
export async function updateEndpoint(opts: { actor: TSessionUser; input: TEndpointEdit }): Promise<TEndpointView> {
  const { id, removeTlsCa, ...input } = opts.input;
  const before = await db.endpoint.findUnique({ where: { id } });
  if (!before) throw new AppError("NOT_FOUND", "That endpoint does not exist.");
  if (before.kind !== input.kind) throw new AppError("INVALID_INPUT", "The kind of an endpoint cannot change; register a new one.", { field: "kind" });
  // The runner and the sampler hold connections to it: an address changing under them would mix two servers.
  const live = await db.migration.findFirst({ where: { state: { in: [...ACTIVE_STATES] }, OR: [{ sourceId: id }, { targetId: id }] }, select: { name: true, state: true } });
  if (live) throw new AppError("CONFLICT", `Migration "${live.name}" is ${live.state} through ${before.name}; edit it once that migration has ended.`);
  await refuseTakenName(input.name, id);
  const row = await db.endpoint.update({ where: { id }, data: { ...endpointColumns(input, id), ...caChange(input, removeTlsCa), lastCheck: null, lastCheckAt: null } });
  const view = toEndpointView(row);
  const was = toEndpointView(before);
  const newCa = input.kind === "self-managed" && input.tlsCa;
  const replaced = [input.password ? "password" : "", input.kind === "elasticache" && input.externalId ? "external id" : "", newCa ? "CA certificate" : ""].filter(Boolean);
  const removed = removeTlsCa && !newCa && before.tlsCa ? "; removed the CA certificate" : "";
  await recordEvent({
    type: "endpoint.updated",
    actor: opts.actor,
    message: `${opts.actor.email} edited endpoint ${was.name}${was.name !== view.name ? ` (now ${view.name})` : ""}: ${was.address} → ${view.address}${replaced.length ? `; replaced ${replaced.join(" and ")}` : ""}${removed}`,
    data: { endpointId: id },
  });
  return view;
}

/** A CA pasted replaces the stored one (endpointColumns); "remove" without a new one clears it. */
function caChange(input: TEndpointInput, remove: boolean) {
  return remove && !(input.kind === "self-managed" && input.tlsCa) ? { tlsCa: null } : {};
}
