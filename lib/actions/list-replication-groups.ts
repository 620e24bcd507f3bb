"use server";
import { defineAction } from "./action";
import { ZReplicationGroupPickerInput } from "../endpoints/endpoint-input";
import { listReplicationGroupsFor } from "../endpoints/list-replication-groups-for";

/** The picker: replication groups this credential source can see in the region. */
export const listReplicationGroupsAction = defineAction({
  name: "listReplicationGroups",
  role: "operator",
  input: ZReplicationGroupPickerInput,
  run: ({ input }) => listReplicationGroupsFor(input),
});
