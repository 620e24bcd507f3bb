import { ApiError } from "../http/api-error";
import { leaf, list, node } from "../http/xml";
import type { EcHandler } from "./handler-types";
import { paginate } from "./groups-describe";
import { createParameterGroup, findParameterGroup, modifyParameters, PARAMETERS, parameterValue, type ParameterGroup } from "./parameter-groups";

/** XML shapes follow the SDK's CacheParameterGroup$, Parameter$ and CacheParameterGroupNameMessage$. */

const renderGroup = (pg: ParameterGroup, region: string) =>
  node(
    "CacheParameterGroup",
    leaf("CacheParameterGroupName", pg.name),
    leaf("CacheParameterGroupFamily", pg.family),
    leaf("Description", pg.description),
    leaf("IsGlobal", false),
    leaf("ARN", `arn:aws:elasticache:${region}:${pg.accountId}:parametergroup:${pg.name}`),
  );

export const createCacheParameterGroup: EcHandler = async (c) => {
  const pg = createParameterGroup(c.ctx, c.account, {
    name: c.params.required("CacheParameterGroupName"),
    family: c.params.required("CacheParameterGroupFamily"),
    description: c.params.required("Description"),
  });
  return renderGroup(pg, c.ctx.region);
};

export const describeCacheParameterGroups: EcHandler = async (c) => {
  const name = c.params.str("CacheParameterGroupName");
  const groups = name
    ? [findParameterGroup(c.ctx, c.account, name)]
    : [...c.ctx.parameterGroups.values()].filter((pg) => pg.accountId === c.account.accountId);
  const page = paginate(groups, c.params.int("MaxRecords"), c.params.str("Marker"));
  return leaf("Marker", page.marker) + list("CacheParameterGroups", page.items.map((pg) => renderGroup(pg, c.ctx.region)));
};

export const describeCacheParameters: EcHandler = async (c) => {
  const pg = findParameterGroup(c.ctx, c.account, c.params.required("CacheParameterGroupName"));
  const source = c.params.str("Source");
  if (source && !["user", "system", "engine-default"].includes(source)) throw new ApiError("InvalidParameterValue", `Invalid Source: ${source}`);
  const rows = PARAMETERS.map((spec) => ({ spec, source: pg.values.has(spec.name) ? "user" : "system" }))
    .filter((r) => !source || source === "engine-default" || r.source === source);
  const page = paginate(rows, c.params.int("MaxRecords"), c.params.str("Marker"));
  const parameters = page.items.map(({ spec, source }) =>
    node(
      "Parameter",
      leaf("ParameterName", spec.name),
      leaf("ParameterValue", parameterValue(pg, spec)),
      leaf("Description", spec.description),
      leaf("Source", source),
      leaf("DataType", spec.dataType),
      leaf("AllowedValues", spec.allowed),
      leaf("IsModifiable", spec.modifiable && !pg.isDefault),
      leaf("MinimumEngineVersion", "2.8.6"),
      leaf("ChangeType", spec.dynamic ? "immediate" : "requires-reboot"),
    ),
  );
  return leaf("Marker", page.marker) + list("Parameters", parameters) + list("CacheNodeTypeSpecificParameters", []);
};

export const modifyCacheParameterGroup: EcHandler = async (c) => {
  const pg = findParameterGroup(c.ctx, c.account, c.params.required("CacheParameterGroupName"));
  const changes = c.params.structList("ParameterNameValues").map((p) => ({ name: p.ParameterName ?? "", value: p.ParameterValue ?? "" }));
  await modifyParameters(c.ctx, pg, changes);
  c.ctx.event({ accountId: pg.accountId, sourceId: pg.name, sourceType: "cache-parameter-group", message: `Cache parameter group ${pg.name} modified: ${changes.map((x) => `${x.name}=${x.value}`).join(", ")}` });
  return leaf("CacheParameterGroupName", pg.name);
};
