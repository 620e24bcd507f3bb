"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { stopReverseReplication } from "../flows/replication/stop-reverse-replication";

export const stopReverseReplicationAction = defineAction({
  name: "stopReverseReplication",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1).max(64) }),
  run: ({ input, user }) => stopReverseReplication({ actor: user, migrationId: input.migrationId }),
});
