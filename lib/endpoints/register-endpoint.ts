import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";
import type { TEndpointInput } from "./endpoint-input";
import { toEndpointView, type TEndpointView } from "./endpoint-view";
import { endpointColumns } from "./endpoint-columns";
import { refuseTakenName } from "./refuse-taken-name";

export async function registerEndpoint(opts: { actor: TSessionUser; input: TEndpointInput }): Promise<TEndpointView> {
  const { input } = opts;
  await refuseTakenName(input.name);
  // The id is chosen here because each ciphertext is bound to its row.
  const id = randomUUID();
  const data = { ...endpointColumns(input, id), id, createdById: opts.actor.id } as Prisma.EndpointUncheckedCreateInput;
  const row = await db.endpoint.create({ data });
  const view = toEndpointView(row);
  await recordEvent({
    type: "endpoint.registered",
    actor: opts.actor,
    message: `${opts.actor.email} registered ${view.kind} endpoint ${view.name} (${view.address})`,
    data: { endpointId: row.id },
  });
  return view;
}
