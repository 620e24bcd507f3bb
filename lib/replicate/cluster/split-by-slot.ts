import { keySlot } from "../../redis/cluster/key-slot";

export type Arg = string | Buffer | number;

/** Commands travelling together to one node; `at`: each command's index in the caller's batch. */
export type Unit = { commands: Arg[][]; slot: number | null; at: number[] };

/** Commands into routable units: MULTI..EXEC whole, multi-key DEL/UNLINK one per key, keyless ones to any node. */
export function splitBySlot(commands: Arg[][]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < commands.length; i++) {
    const [name, ...args] = commands[i];
    const verb = String(name).toUpperCase();
    if (verb === "MULTI") {
      const exec = commands.findIndex((c, j) => j > i && String(c[0]).toUpperCase() === "EXEC");
      const end = exec === -1 ? commands.length - 1 : exec;
      const block = commands.slice(i, end + 1);
      const keyed = block.find((c) => c.length > 1);
      units.push({ commands: block, slot: keyed ? keySlot(asKey(keyed[1])) : null, at: block.map((_, j) => i + j) });
      i = end;
    } else if ((verb === "DEL" || verb === "UNLINK") && args.length > 1) {
      for (const k of args) units.push({ commands: [[name, k]], slot: keySlot(asKey(k)), at: [i] });
    } else {
      const k = KEY_AFTER_SUBCOMMAND.has(verb) ? args[1] : args[0];
      units.push({ commands: [commands[i]], slot: k !== undefined && verb !== "SELECT" ? keySlot(asKey(k)) : null, at: [i] });
    }
  }
  return units;
}

/** Verbs whose key follows a subcommand (`XGROUP CREATE key ...`). */
const KEY_AFTER_SUBCOMMAND = new Set(["XGROUP", "XINFO", "MEMORY", "OBJECT"]);

function asKey(a: Arg): Buffer | string {
  return Buffer.isBuffer(a) ? a : String(a);
}
