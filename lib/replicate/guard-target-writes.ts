import "server-only";
import type { Command, Redis } from "ioredis";
import { AppError } from "../errors";
import { TARGET_COMMAND_ALLOW_LIST } from "./target-allow-list";

declare const TARGET_WRITER: unique symbol;
/** A target client that refuses every command outside TARGET_COMMAND_ALLOW_LIST. */
export type TargetWriter = Redis & { readonly [TARGET_WRITER]: true };

export function targetWriteRefusal(name: string, args: readonly unknown[] = []): AppError | null {
  const command = String(name).toLowerCase();
  const rule = Object.hasOwn(TARGET_COMMAND_ALLOW_LIST, command) ? TARGET_COMMAND_ALLOW_LIST[command] : undefined;
  if (rule === true) return null;
  const sub = args.length > 0 ? String(args[0]).toLowerCase() : "";
  if (rule && rule.has(sub)) return null;
  const label = (rule ? `${command} ${sub}`.trim() : command).toUpperCase();
  return new AppError("REDIS_READ_ONLY_GUARD", `Ferry refused to send ${label} to the target: the replicator only writes keys.`, { command: label });
}

/** Guards `client` in place: every ioredis path (methods, call, pipeline, multi) ends in sendCommand. */
export function guardTargetWrites(client: Redis): TargetWriter {
  const send = client.sendCommand.bind(client) as (c: Command, s?: unknown) => Promise<unknown>;
  Object.defineProperty(client, "sendCommand", {
    value: (command: Command, stream?: unknown) => {
      const refusal = targetWriteRefusal(command.name, command.args);
      if (refusal) {
        command.reject(refusal);
        return command.promise;
      }
      return send(command, stream);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
  return client as TargetWriter;
}
