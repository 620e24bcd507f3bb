import "server-only";
import { AppError, type ErrorCode } from "../errors";
import { describeEndpoint, type TRedisEndpoint } from "./endpoint";

export type RdbUploadTarget = { bucket: string; key: string };

/**
 * The commands an operator runs when the source refuses to stream its RDB to Ferry: BGSAVE on the
 * host, wait for it, upload dump.rdb to the key the flow expects. Passwords are never spelled out.
 */
export function bgsaveUploadInstructions(endpoint: TRedisEndpoint, target: RdbUploadTarget): string[] {
  const auth = endpoint.password ? ` ${endpoint.username ? `--user ${endpoint.username} ` : ""}--askpass` : "";
  const cli = `redis-cli -h ${endpoint.host} -p ${endpoint.port}${endpoint.tls ? " --tls" : ""}${auth}`;
  return [
    `${cli} BGSAVE`,
    `${cli} INFO persistence   # repeat until rdb_bgsave_in_progress:0 and rdb_last_bgsave_status:ok`,
    `${cli} CONFIG GET dir; ${cli} CONFIG GET dbfilename   # where the RDB was written (on the source host)`,
    `aws s3 cp <dir>/<dbfilename> s3://${target.bucket}/${target.key}   # on the source host, with the target account's credentials`,
    `Then set "RDB source" to "uploaded by hand" in this migration's snapshot options and retry: Ferry checks the object, grants ElastiCache READ on it and continues.`,
  ];
}

/**
 * The AppError for a source that refuses replication (NOAUTH, NOPERM, renamed PSYNC/SYNC, a
 * replica without a master link, ...): the server's own words, then the manual way out.
 */
export function replicationRefused(endpoint: TRedisEndpoint, serverReply: string, target: RdbUploadTarget): AppError {
  const where = describeEndpoint(endpoint);
  const code: ErrorCode = /^NOAUTH|^WRONGPASS/i.test(serverReply) ? "REDIS_AUTH_FAILED" : /^NOPERM/i.test(serverReply) ? "REDIS_NOPERM" : "REDIS_ERROR";
  const why = hintFor(serverReply);
  const instructions = bgsaveUploadInstructions(endpoint, target);
  return new AppError(code,
    `${where} refused to send its RDB over replication: "${serverReply.slice(0, 200)}". ${why} ` +
      `Or take the RDB by hand: ${instructions.map((c, i) => `(${i + 1}) ${c}`).join(" ")}`,
    { serverReply: serverReply.slice(0, 300), fallback: "bgsave-upload", instructions });
}

function hintFor(reply: string): string {
  if (/^NOAUTH/i.test(reply)) return "The source requires a password: set it (and the ACL user) on this endpoint.";
  if (/^WRONGPASS/i.test(reply)) return "The password or ACL user of this endpoint is wrong.";
  if (/^NOPERM/i.test(reply)) return "The ACL user needs +psync +replconf (or +sync): `ACL SETUSER <user> +psync +replconf`.";
  if (/unknown command/i.test(reply)) return "PSYNC/SYNC are renamed or disabled on this server (rename-command), as on managed services.";
  if (/master|MASTERDOWN|NOMASTERLINK/i.test(reply)) return "This node is a replica whose link to its master is down: stream from the master instead.";
  if (/LOADING/i.test(reply)) return "The server is still loading its dataset: retry when INFO persistence shows loading:0.";
  return "Check the server's log for why it refuses replicas (e.g. max clients, client-output-buffer-limit replica).";
}
