// Test support (not a test): one delivery pass in a process of its own, so a test can SIGKILL it
// mid-send the way a crash or an OOM kill would.
import { deliverDueWebhooks } from "../deliver-webhooks";

void deliverDueWebhooks();
