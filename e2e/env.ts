import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
const labPort = Number(process.env.E2E_LAB_PORT ?? 3200);
const dbFile = path.resolve("data", "e2e", "ferry.db");
/** A PostgreSQL database for the server instead of the SQLite file (scripts/test.sh's PostgreSQL pass). */
const postgresUrl = process.env.E2E_DATABASE_URL;
/** AWS profiles for the lab's two accounts ("lab-b" is account B), written by seed.ts. */
const credentialsFile = path.resolve("data", "e2e", "aws-credentials");

/** Where the e2e server runs and who can sign in to it (seeded by global-setup). */
export const E2E = {
  port,
  baseURL: `http://127.0.0.1:${port}`,
  lab: { port: labPort, endpoint: `http://127.0.0.1:${labPort}`, file: path.resolve("data", "e2e-lab", "lab.json"), dir: path.resolve("data", "e2e-lab", "run") },
  dbFile,
  postgresUrl,
  credentialsFile,
  admin: { email: "admin@e2e.test", password: "e2e-admin-password" },
  operator: { email: "operator@e2e.test", password: "e2e-operator-password" },
  viewer: { email: "viewer@e2e.test", password: "e2e-viewer-password" },
  serverEnv: {
    DATABASE_URL: postgresUrl ?? `file:${dbFile}`,
    // PostgreSQL has no generated key file (lib/env.ts); a fixed key for this throwaway database.
    ...(postgresUrl ? { FERRY_SECRET_KEY: "e2e0".repeat(16) } : {}),
    FERRY_ADMIN_EMAIL: "admin@e2e.test",
    FERRY_ADMIN_PASSWORD: "e2e-admin-password",
    NODE_ENV: "production",
    // Ferry reaches the lab exactly as it reaches AWS: endpoint override, account A as the default chain.
    AWS_ENDPOINT_URL: `http://127.0.0.1:${labPort}`,
    FERRY_ALLOW_HTTP_AWS_ENDPOINTS: "1",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIALABA111111111111",
    AWS_SECRET_ACCESS_KEY: "lab-secret-a-not-checked",
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    FERRY_RUNNER: "on",
  } as Record<string, string>,
};
