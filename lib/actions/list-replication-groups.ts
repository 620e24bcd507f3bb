"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZElastiCacheInput } from "../endpoints/endpoint-input";
import { listReplicationGroupsFor } from "../endpoints/list-replication-groups-for";

const ZPickerInput = z.object({
  region: ZElastiCacheInput.shape.region,
  credentialKind: z.enum(["default", "profile", "assume-role"]).default("default"),
  profile: z.string().optional(),
  roleArn: z.string().optional(),
  externalId: z.string().optional(),
  awsEndpointUrl: z.string().optional(),
});

/** The picker: replication groups this credential source can see in the region. */
export const listReplicationGroupsAction = defineAction({
  name: "listReplicationGroups",
  role: "operator",
  input: ZPickerInput,
  run: ({ input }) => listReplicationGroupsFor(input),
});
