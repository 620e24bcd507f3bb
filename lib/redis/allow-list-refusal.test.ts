import { describe, expect, it } from "vitest";
import { allowListRefusal } from "./allow-list-refusal";

const allowList = { get: true, client: new Set(["setname"]) } as const;
const refuse = (name: string, args: unknown[] = []) => allowListRefusal({ allowList, name, args, refusedTo: "the test end: it only reads" });

describe("allowListRefusal", () => {
  it("admits listed commands and subcommands in any case, refuses the rest naming what and where", () => {
    expect(refuse("GET", ["k"])).toBeNull();
    expect(refuse("Client", [Buffer.from("SETNAME"), "x"])).toBeNull();
    const kill = refuse("client", ["kill", "id", "7"]);
    expect(kill).toMatchObject({ code: "REDIS_READ_ONLY_GUARD", message: "Ferry refused to send CLIENT KILL to the test end: it only reads.", detail: { command: "CLIENT KILL" } });
    expect(refuse("flushall")?.message).toBe("Ferry refused to send FLUSHALL to the test end: it only reads.");
  });

  it("refuses names that exist only on Object.prototype", () => {
    for (const name of ["__proto__", "toString", "constructor", "hasOwnProperty"]) expect(refuse(name)).not.toBeNull();
  });
});
