import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { toEndpointView, type TEndpointView } from "./endpoint-view";

export async function listEndpoints(): Promise<TEndpointView[]> {
  const rows = await db.endpoint.findMany({ orderBy: { name: "asc" } });
  return rows.map(toEndpointView);
}

export async function getEndpoint(id: string): Promise<TEndpointView> {
  const row = await db.endpoint.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "That endpoint does not exist.");
  return toEndpointView(row);
}
