import "server-only";
import { verifyStep } from "./verify";

/**
 * Verifies the new group against the still-running source in one round: writes after the
 * snapshot moment are expected differences, not ones to wait out.
 */
export const snapshotVerify = verifyStep({ rounds: 1, reverse: true });
