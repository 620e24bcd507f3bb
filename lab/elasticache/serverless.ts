import { ApiError } from "../http/api-error";
import type { EcHandler } from "./handler-types";

/** The lab has no serverless caches; Ferry asks only to rule them out as migration targets. */
export const describeServerlessCaches: EcHandler = async (c) => {
  const name = c.params.str("ServerlessCacheName");
  if (name) throw new ApiError("ServerlessCacheNotFoundFault", `Serverless cache ${name} not found.`, 404);
  return "<ServerlessCaches></ServerlessCaches>";
};
