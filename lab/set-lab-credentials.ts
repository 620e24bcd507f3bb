import { LAB_ACCOUNTS } from "./accounts";

/**
 * Account A's keys as the SDK's default credential chain, as `npm run demo` sets them: an endpoint
 * saved with `credentials: default` then signs for the lab as it would sign for AWS.
 */
export function setLabCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = LAB_ACCOUNTS.A.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LAB_ACCOUNTS.A.secretAccessKey;
}
