import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildOpenApi } from "./openapi";
import { V1 } from "./catalog";

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const res = await validator.validate(buildOpenApi());
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route of the catalog with its body, and the Idempotency-Key on start and cutover", () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> }; parameters: { name: string }[] }>> };
    for (const spec of Object.values(V1)) expect(doc.paths[spec.path]?.[spec.method.toLowerCase()], spec.name).toBeDefined();
    const cutover = doc.paths["/api/v1/migrations/{id}/cutover"].post;
    expect(cutover.requestBody?.content["application/json"].schema.required).toEqual(["confirmName"]);
    expect(cutover.parameters.map((p) => p.name)).toEqual(["id", "Idempotency-Key"]);
    expect(doc.paths["/api/v1/migrations"].post.requestBody?.content["application/json"].schema.required).toEqual(["name", "strategy", "sourceId", "targetId"]);
  });
});
