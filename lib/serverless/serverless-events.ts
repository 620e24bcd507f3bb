import "server-only";
import { DescribeEventsCommand } from "@aws-sdk/client-elasticache";
import { classifyAwsError } from "../aws/classify-aws-error";
import type { AwsClients } from "../aws/clients";

export type TAwsEvent = { at: string; message: string };

/** The events AWS posted for a serverless cache since `since` (newest first, as AWS lists them). */
export async function serverlessCacheEvents(clients: AwsClients, name: string, since: Date): Promise<TAwsEvent[]> {
  try {
    const out = await clients.elasticache.send(new DescribeEventsCommand({ SourceIdentifier: name, SourceType: "serverless-cache", StartTime: since, MaxRecords: 100 }));
    return (out.Events ?? []).map((e) => ({ at: (e.Date ?? new Date()).toISOString(), message: e.Message ?? "" }));
  } catch (err) {
    throw classifyAwsError(err, `DescribeEvents of ${name}`);
  }
}
