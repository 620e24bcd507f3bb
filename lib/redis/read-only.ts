import "server-only";
import type { ChainableCommander, Command, Redis } from "ioredis";
import { Command as RedisCommand } from "ioredis";
import { AppError } from "../errors";
import { readOnlyRefusal } from "./read-only-refusal";

declare const READ_ONLY: unique symbol;
/** An ioredis client whose every command path (methods, call, sendCommand, pipeline, multi, duplicate) is guarded. */
export type ReadOnlyRedis = Redis & { readonly [READ_ONLY]: true };

export type ConsentedCommand = "BGSAVE" | "CONFIG SET";

/** Proof that an operator agreed to one or more writes on the source; only grantOperatorConsent makes one. */
export type OperatorConsent = Readonly<{
  operator: string;
  reason: string;
  grantedAt: string;
  commands: readonly ConsentedCommand[];
}>;

const issuedConsents = new WeakSet<object>();
const consentedCommands = new WeakSet<Command>();
const originalSend = new WeakMap<Redis, Redis["sendCommand"]>();

/**
 * Makes `client` read-only in place and returns it typed as such. The guard sits on the
 * instance's own `sendCommand`, which every ioredis path ends in (named methods, `call`,
 * pipelines, MULTI); pipelines are also checked as a whole before anything is written, so a
 * refused command never leaves half a batch on the wire.
 */
export function guardReadOnly(client: Redis): ReadOnlyRedis {
  if (originalSend.has(client)) return client as ReadOnlyRedis;
  const send = client.sendCommand.bind(client);
  originalSend.set(client, send);

  const guardedSend = (command: Command, stream?: unknown) => {
    if (!consentedCommands.has(command)) {
      const refusal = readOnlyRefusal(command.name, command.args);
      if (refusal) {
        command.reject(refusal);
        return command.promise;
      }
    }
    return (send as (c: Command, s?: unknown) => Promise<unknown>)(command, stream);
  };
  lock(client, "sendCommand", guardedSend);

  const pipeline = client.pipeline.bind(client);
  lock(client, "pipeline", (...args: Parameters<Redis["pipeline"]>) => guardBatch(pipeline(...args)));
  const multi = client.multi.bind(client) as (...a: unknown[]) => unknown;
  lock(client, "multi", (...args: unknown[]) => {
    const result = multi(...args);
    // multi({ pipeline: false }) returns a promise and sends each command through sendCommand.
    return result instanceof Promise ? result : guardBatch(result as ChainableCommander);
  });
  const duplicate = client.duplicate.bind(client);
  lock(client, "duplicate", (...args: Parameters<Redis["duplicate"]>) => guardReadOnly(duplicate(...args)));
  return client as ReadOnlyRedis;
}

/** Records an operator's consent; the returned object is the only thing runConsentedCommand accepts. */
export function grantOperatorConsent(input: { operator: string; reason: string; commands: ConsentedCommand[] }): OperatorConsent {
  if (!input.operator.trim() || !input.reason.trim()) {
    throw new AppError("INVALID_INPUT", "Consent to write on the source needs the operator and a reason.");
  }
  const consent = Object.freeze({
    operator: input.operator,
    reason: input.reason,
    grantedAt: new Date().toISOString(),
    commands: Object.freeze([...input.commands]),
  });
  issuedConsents.add(consent);
  return consent;
}

export type ConsentedRequest = { command: "BGSAVE" } | { command: "CONFIG SET"; parameter: string; value: string };

/** The one way past the guard: BGSAVE or CONFIG SET, with a consent object that names it. */
export async function runConsentedCommand(client: ReadOnlyRedis, consent: OperatorConsent, request: ConsentedRequest): Promise<unknown> {
  const send = originalSend.get(client);
  if (!send) throw new AppError("INVALID_INPUT", "runConsentedCommand needs a read-only source client.");
  if (!issuedConsents.has(consent) || !consent.commands.includes(request.command)) {
    throw new AppError("REDIS_READ_ONLY_GUARD", `Ferry refused to send ${request.command} to the source: no operator consent covers it.`, { command: request.command });
  }
  const command =
    request.command === "BGSAVE"
      ? new RedisCommand("bgsave", [], { replyEncoding: "utf8" })
      : new RedisCommand("config", ["set", request.parameter, request.value], { replyEncoding: "utf8" });
  consentedCommands.add(command);
  return send(command);
}

function guardBatch<T extends ChainableCommander>(batch: T): T {
  const exec = batch.exec.bind(batch);
  lock(batch, "exec", (...args: Parameters<T["exec"]>) => {
    const queue = (batch as unknown as { _queue?: Command[] })._queue ?? [];
    const refusal = queue.map((c) => readOnlyRefusal(c.name, c.args)).find((r) => r !== null);
    if (refusal) return Promise.reject(refusal);
    return exec(...args);
  });
  return batch;
}

function lock(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: false });
}
