import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Writes a key file so that it either exists complete, mode 0600, or not at all: the content goes
 * to a private temporary file first (flushed to disk), which is then linked into place (only if
 * absent: a concurrent first start keeps the other process's key) or renamed over it (`replace`).
 * A full disk or a crash therefore never leaves an empty or partial key behind.
 * Returns false when the file existed and `replace` was not asked for.
 */
export function writeKeyFile(file: string, content: string, opts: { replace?: boolean } = {}): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    try {
      fs.fchmodSync(fd, 0o600); // whatever the umask
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.replace) {
      fs.renameSync(tmp, file);
      return true;
    }
    try {
      fs.linkSync(tmp, file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
