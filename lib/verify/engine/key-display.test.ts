import { describe, expect, it } from "vitest";
import { displayKey } from "./key-display";

describe("displayKey", () => {
  it("keeps readable keys readable and escapes what could break a report line", () => {
    expect(displayKey(Buffer.from("user:42"))).toBe("user:42");
    expect(displayKey(Buffer.from("用户:1"))).toBe("用户:1");
    expect(displayKey(Buffer.from("a\nb\r\tc\\d"))).toBe("a\\nb\\r\\tc\\\\d");
    expect(displayKey(Buffer.from([0x6b, 0x00, 0xff, 0x0a]))).toBe("k\\x00\\xff\\n");
    expect(displayKey(Buffer.from("evil\u202egnp.exe"))).toBe("evil\\u202egnp.exe");
  });

  it("cuts long keys and says how long they were", () => {
    expect(displayKey(Buffer.alloc(500, 0x61), 10)).toBe("aaaaaaaaaa…(500 bytes)");
  });
});
