import type { Metadata } from "next";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { listUsers } from "@/lib/users/list-users";
import { listEvents } from "@/lib/events/list-events";
import { PageHeader } from "@/components/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { UsersAdmin } from "@/components/users-admin";
import { AuditLog } from "@/components/audit-log";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { TimeZoneForm } from "@/components/users/time-zone-form";
import { DEFAULT_TIME_ZONE } from "@/lib/time/time-zone";
import { ApiTokensAdmin } from "@/components/users/api-tokens-admin";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { WebhooksAdmin } from "@/components/users/webhooks-admin";
import { listWebhooks } from "@/lib/webhooks/webhook-store";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const isAdmin = hasRole(user.role, "admin");
  const [users, events, tokens] = await Promise.all([isAdmin ? listUsers() : [], listEvents({ limit: 50 }), isAdmin ? listApiTokens() : []]);
  const hooks = isAdmin ? await listWebhooks() : [];
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <>
      <PageHeader title="Settings" description="Your account, the team's access, and the audit log." />
      <div className="space-y-6">
        <Card>
          <CardTitle>Your account</CardTitle>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            <dt className="text-muted-fg">Name</dt><dd>{user.name}</dd>
            <dt className="text-muted-fg">Email</dt><dd>{user.email}</dd>
            <dt className="text-muted-fg">Role</dt><dd>{user.role}</dd>
          </dl>
          <TimeZoneForm current={user.timeZone ?? DEFAULT_TIME_ZONE} />
          <ChangePasswordForm />
        </Card>
        {isAdmin ? <UsersAdmin users={users} currentUserId={user.id} /> : null}
        {isAdmin ? <ApiTokensAdmin tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) }))} /> : null}
        {isAdmin ? <WebhooksAdmin hooks={hooks.map((h) => ({ ...h, deliveries: h.deliveries.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })) }))} /> : null}
        <Card>
          <CardTitle>Audit log</CardTitle>
          <AuditLog events={events} />
        </Card>
      </div>
    </>
  );
}
