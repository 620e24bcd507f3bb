import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
const dbFile = path.resolve("data", "e2e", "ferry.db");

/** Where the e2e server runs and who can sign in to it (seeded by global-setup). */
export const E2E = {
  port,
  baseURL: `http://127.0.0.1:${port}`,
  dbFile,
  admin: { email: "admin@e2e.test", password: "e2e-admin-password" },
  operator: { email: "operator@e2e.test", password: "e2e-operator-password" },
  viewer: { email: "viewer@e2e.test", password: "e2e-viewer-password" },
  serverEnv: {
    DATABASE_URL: `file:${dbFile}`,
    FERRY_ADMIN_EMAIL: "admin@e2e.test",
    FERRY_ADMIN_PASSWORD: "e2e-admin-password",
    NODE_ENV: "production",
  } as Record<string, string>,
};
