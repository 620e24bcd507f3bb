/**
 * SQL condition for a write that could take an admin away: it holds only while some other enabled
 * admin remains. Inside the UPDATE itself, so two admins demoting or disabling each other at once
 * cannot both pass a check made before either write (the second finds no other admin and changes nothing).
 * Bind the user's id for the `?`.
 */
export const ANOTHER_ENABLED_ADMIN = `EXISTS (SELECT 1 FROM "User" o WHERE o."role" = 'admin' AND o."disabledAt" IS NULL AND o."id" <> ?)`;
