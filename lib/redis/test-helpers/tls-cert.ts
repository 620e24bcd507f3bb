import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A throwaway self-signed certificate for CN=localhost (openssl CLI), for TLS tests. */
export function makeSelfSignedCert(): { dir: string; cert: string; key: string; pem: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-tls-"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], { stdio: "ignore" });
  return { dir, cert, key, pem: fs.readFileSync(cert, "utf8") };
}

export function opensslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
