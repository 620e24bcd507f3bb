import "server-only";
import { db } from "../db";
import { toEndpointView, type TEndpointView } from "./endpoint-view";

export async function listEndpoints(): Promise<TEndpointView[]> {
  const rows = await db.endpoint.findMany({ orderBy: { name: "asc" } });
  return rows.map(toEndpointView);
}
