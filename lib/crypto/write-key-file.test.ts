import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeKeyFile } from "./write-key-file";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-key-file-"));
afterEach(() => vi.restoreAllMocks());
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeKeyFile", () => {
  it("a full disk leaves no key file at all, and the next start writes a whole one", () => {
    const file = path.join(dir, "full-disk", "secret.key");
    vi.spyOn(fs, "writeFileSync").mockImplementationOnce(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    expect(() => writeKeyFile(file, "key-one\n")).toThrow(/ENOSPC/);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    expect(writeKeyFile(file, "key-one\n")).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe("key-one\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("keeps the first key when two processes create it at once; replaces only when asked", () => {
    const file = path.join(dir, "race", "secret.key");
    expect(writeKeyFile(file, "first\n")).toBe(true);
    expect(writeKeyFile(file, "second\n")).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe("first\n");
    const umask = process.umask(0);
    try {
      expect(writeKeyFile(file, "rotated\n", { replace: true })).toBe(true);
    } finally {
      process.umask(umask);
    }
    expect(fs.readFileSync(file, "utf8")).toBe("rotated\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["secret.key"]);
  });
});
