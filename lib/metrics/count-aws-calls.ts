import { metrics } from "./metrics-registry";

type TStackClient = { middlewareStack: { add: (mw: never, opts: { step: "initialize"; name: string }) => void } };

/**
 * Counts every call an SDK client makes by action and outcome: one middleware where the clients
 * are built (lib/aws/clients.ts), so no call site can forget it.
 */
export function countAwsCalls<C extends TStackClient>(client: C, service: string): C {
  const mw = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    const action = (context.commandName ?? "unknown").replace(/Command$/, "");
    try {
      const out = await next(args);
      metrics().awsCalls.inc({ service, action, outcome: "ok" });
      return out;
    } catch (err) {
      metrics().awsCalls.inc({ service, action, outcome: err instanceof Error ? err.name.slice(0, 64) : "error" });
      throw err;
    }
  };
  client.middlewareStack.add(mw as never, { step: "initialize", name: "ferryCountAwsCalls" });
  return client;
}
