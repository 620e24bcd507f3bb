import { z } from "zod";

// Upper bounds for every string an action or route accepts, so no input can grow a row, a log
// line or a hash computation without limit. RFC 5321 caps an address at 254 characters.
export const MAX_EMAIL = 254;
export const MAX_PASSWORD = 1_024;
export const MAX_FREE_TEXT = 2_000;
export const MAX_NAME = 128;
/** Row ids are cuids (25 characters); 64 leaves room without letting junk through. */
export const MAX_ID = 64;

export const ZId = z.string().min(1).max(MAX_ID);
export const ZEmailInput = z.string().trim().min(1, "Enter your email.").max(MAX_EMAIL, `At most ${MAX_EMAIL} characters.`);
export const ZPasswordInput = z.string().min(1, "Enter your password.").max(MAX_PASSWORD, `At most ${MAX_PASSWORD} characters.`);
/** A password someone chooses (new users, resets, changes). */
export const ZNewPassword = z.string().min(12, "At least 12 characters.").max(MAX_PASSWORD, `At most ${MAX_PASSWORD} characters.`);
