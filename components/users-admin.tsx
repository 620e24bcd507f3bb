"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createUserAction } from "@/lib/actions/create-user";
import { changeRoleAction } from "@/lib/actions/change-role";
import { ROLES } from "@/lib/auth/roles";
import { Button } from "./ui/button";
import { Card, CardTitle } from "./ui/card";
import { Field, Input, Select } from "./ui/input";
import { Table, Td, Th } from "./ui/table";
import { Badge } from "./ui/badge";
import { UserAccessControls } from "./users/user-access-controls";
import { useRefreshingAction } from "./use-refreshing-action";

type TUser = { id: string; email: string; name: string; role: string; createdAt: string; disabled: boolean };

export function UsersAdmin({ users, currentUserId }: { users: TUser[]; currentUserId: string }) {
  const { state, submit, pending, fieldErrors: errors } = useRefreshingAction(createUserAction);
  return (
    <Card>
      <CardTitle>Team</CardTitle>
      <Table>
        <thead><tr><Th>Name</Th><Th>Email</Th><Th>Role</Th><Th>Access</Th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td>{u.name}</Td>
              <Td>{u.email}</Td>
              <Td><RoleSelect user={u} disabled={u.id === currentUserId} /></Td>
              <Td>
                {u.disabled ? <Badge tone="danger">disabled</Badge> : null}
                <UserAccessControls user={u} self={u.id === currentUserId} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form action={submit} className="mt-6 grid grid-cols-1 gap-4 md:grid-cols-5 md:items-end" aria-label="Add a user">
        <Field label="Name" htmlFor="new-name" error={errors?.name}><Input id="new-name" name="name" maxLength={128} required /></Field>
        <Field label="Email" htmlFor="new-email" error={errors?.email}><Input id="new-email" name="email" type="email" maxLength={254} required /></Field>
        <Field label="Role" htmlFor="new-role" error={errors?.role}>
          <Select id="new-role" name="role" defaultValue="operator">{ROLES.map((r) => <option key={r}>{r}</option>)}</Select>
        </Field>
        <Field label="Initial password" htmlFor="new-password" error={errors?.password}>
          <Input id="new-password" name="password" type="password" minLength={12} maxLength={1024} required autoComplete="new-password" />
        </Field>
        <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add user"}</Button>
      </form>
      {state && !state.ok && !errors ? <p role="alert" className="mt-3 text-sm text-danger">{state.message}</p> : null}
      {state?.ok ? <p role="status" className="mt-3 text-sm text-ok">Added {state.data.email}.</p> : null}
    </Card>
  );
}

function RoleSelect({ user, disabled }: { user: TUser; disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div>
      <Select
        aria-label={`Role of ${user.email}`}
        defaultValue={user.role}
        disabled={disabled || pending}
        className="w-36"
        onChange={(e) => {
          const role = e.target.value;
          start(async () => {
            const r = await changeRoleAction({ userId: user.id, role });
            setError(r.ok ? undefined : r.message);
            router.refresh();
          });
        }}
      >
        {ROLES.map((r) => <option key={r}>{r}</option>)}
      </Select>
      {error ? <p className="mt-1 text-xs text-danger">{error}</p> : null}
    </div>
  );
}
