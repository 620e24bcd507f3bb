/**
 * MigrationSummary.Status values are not published; Ferry relies on these spellings only for
 * "in sync", "replicating" and "done", and shows every other value as AWS sent it.
 */
export const isInSync = (status: string | undefined) => !!status && /^(in[-_ ]?sync|synced)$/i.test(status);
export const isCompleted = (status: string | undefined) => !!status && /^(completed?|cutover[-_ ]?complete)$/i.test(status);
export const isReplicating = (status: string | undefined) => !!status && /^(syncing|in[-_ ]?sync|synced|cutting[-_ ]?over)$/i.test(status);

/** The event an operator's "my applications use the migration endpoint" writes; the flow and the gate read it. */
export const CLIENTS_POINTED_EVENT = "serverless.clients_pointed";
