import fs from "node:fs";
import type { LabFile } from "../lab/lab-file";
import { E2E } from "./env";

/** What the e2e lab started (ports of its self-managed Redis, group ids). */
export function readLab(): LabFile {
  return JSON.parse(fs.readFileSync(E2E.lab.file, "utf8")) as LabFile;
}
