"use client";
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { createMigrationAction } from "@/lib/actions/create-migration";
import type { STRATEGIES as TStrategies } from "@/lib/migrations/strategies";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { cn } from "../ui/cn";

type Ep = { id: string; name: string; kind: string; address: string };

export function NewMigrationForm({ strategies, endpoints }: { strategies: typeof TStrategies; endpoints: Ep[] }) {
  const router = useRouter();
  const [strategy, setStrategy] = useState<keyof typeof TStrategies>("online");
  const [state, submit, pending] = useActionState(createMigrationAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/migrations/${state.data.id}`);
  }, [state, router]);
  const s = strategies[strategy];
  const fits = (kinds: readonly string[]) => endpoints.filter((e) => kinds.includes(e.kind));
  const e = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={submit} aria-label="New migration" className="space-y-6">
      <Card>
        <CardTitle>1. Strategy</CardTitle>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2" role="radiogroup">
          {(Object.keys(strategies) as (keyof typeof TStrategies)[]).map((id) => (
            <label key={id} className={cn("cursor-pointer rounded-md border p-3 text-sm", strategy === id ? "border-primary bg-primary/5" : "border-border")}>
              <input type="radio" name="strategy" value={id} checked={strategy === id} onChange={() => setStrategy(id)} className="mr-2" />
              <span className="font-medium">{strategies[id].label}</span>
              <p className="mt-1 text-muted-fg">{strategies[id].summary}</p>
            </label>
          ))}
        </div>
      </Card>
      <Card>
        <CardTitle>2. Source and target</CardTitle>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <Field label="Name" htmlFor="m-name" error={e?.name}><Input id="m-name" name="name" placeholder="orders cache to ElastiCache" required /></Field>
          <Field label={`Source (${s.source.join(" or ")})`} htmlFor="m-source" error={e?.sourceId}>
            <Select id="m-source" name="sourceId" required defaultValue="">
              <option value="" disabled>Pick a source…</option>
              {fits(s.source).map((ep) => <option key={ep.id} value={ep.id}>{ep.name} · {ep.address}</option>)}
            </Select>
          </Field>
          <Field label={`Target (${s.target.join(" or ")})`} htmlFor="m-target" error={e?.targetId}>
            <Select id="m-target" name="targetId" required defaultValue="">
              <option value="" disabled>Pick a target…</option>
              {fits(s.target).map((ep) => <option key={ep.id} value={ep.id}>{ep.name} · {ep.address}</option>)}
            </Select>
          </Field>
        </div>
      </Card>
      {state && !state.ok && !e ? <p role="alert" className="text-sm text-danger">{state.message}</p> : null}
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Next: pre-flight checks"}</Button>
    </form>
  );
}
