import "server-only";
import { getAwsClients } from "../aws/clients";
import { credentialSourceFrom } from "./credential-source-from";
import { listReplicationGroups, type ReplicationGroupSummary } from "../aws/elasticache";

export async function listReplicationGroupsFor(opts: {
  region: string;
  credentialKind: "default" | "profile" | "assume-role";
  profile?: string;
  roleArn?: string;
  externalId?: string;
  awsEndpointUrl?: string;
}): Promise<ReplicationGroupSummary[]> {
  const clients = getAwsClients({ credentials: credentialSourceFrom(opts), region: opts.region, elastiCacheEndpoint: opts.awsEndpointUrl || undefined });
  return listReplicationGroups(clients, { maxGroups: 200 });
}
