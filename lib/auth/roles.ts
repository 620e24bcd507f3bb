export const ROLES = ["viewer", "operator", "admin"] as const;
export type TRole = (typeof ROLES)[number];

const RANK: Record<TRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` may do what `required` allows (admin > operator > viewer). */
export function hasRole(role: string, required: TRole): boolean {
  return role in RANK && RANK[role as TRole] >= RANK[required];
}
