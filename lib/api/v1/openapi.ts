import { z } from "zod";
import { V1, type TV1Spec } from "./catalog";

const ERROR = {
  description: "An error: `{ error: { code, message } }` with the HTTP status of its code.",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

/** JSON Schema of a zod input as a request would send it (defaults optional, coercions as input). */
function inputSchema(s: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete js.$schema;
  return js;
}

function parametersOf(spec: TV1Spec) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    const js = inputSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

/** The OpenAPI 3.1 document of /api/v1, built from the same catalog the routes are built from. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of Object.values(V1) as TV1Spec[]) {
    const op: Record<string, unknown> = {
      operationId: spec.name,
      summary: spec.summary,
      description: `Needs the ${spec.role} role.`,
      parameters: [...parametersOf(spec), ...(spec.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } }] : [])],
      responses: { "200": { description: "Done.", content: { "application/json": { schema: {} } } }, "4XX": ERROR, "5XX": ERROR },
    };
    if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: inputSchema(spec.body) } } };
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Ferry API", version: "1", description: "Everything the console does. Send `Authorization: Bearer <token>` (Settings → API tokens)." },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } } },
      },
    },
    paths,
  };
}
