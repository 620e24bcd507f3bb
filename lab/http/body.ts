import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error";

/**
 * Buffers a small request body (Query forms, JSON, S3 control documents). Object uploads are
 * streamed elsewhere; this cap keeps a garbage upload from eating memory.
 */
export async function readSmallBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError("RequestEntityTooLarge", "Request body too large", 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
