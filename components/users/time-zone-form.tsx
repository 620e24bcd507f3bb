"use client";
import { setOwnTimeZoneAction } from "@/lib/actions/set-own-time-zone";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/input";
import { useRefreshingAction } from "../use-refreshing-action";

const SUGGESTED = ["UTC", "Europe/London", "Europe/Paris", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"];

/** The zone every timestamp on screen is shown in (the report stays in UTC). */
export function TimeZoneForm({ current }: { current: string }) {
  const { state, submit, pending, fieldErrors } = useRefreshingAction(setOwnTimeZoneAction);
  const error = state && !state.ok ? (fieldErrors?.timeZone ?? state.message) : undefined;
  return (
    <form action={submit} aria-label="Time zone" className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-4 md:items-end">
      <Field label="Time zone (IANA name)" htmlFor="tz-name" error={error}>
        <Input id="tz-name" name="timeZone" list="tz-suggestions" defaultValue={current} required maxLength={64} aria-invalid={!!error} />
      </Field>
      <datalist id="tz-suggestions">{SUGGESTED.map((z) => <option key={z} value={z} />)}</datalist>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save time zone"}</Button>
      <p className="text-xs text-muted-fg md:col-span-2">Times on screen use this zone. Reports stay in UTC and say so, so they read the same for everyone.</p>
      {state?.ok ? <p role="status" className="text-sm text-ok md:col-span-4">Times now show in {state.data.timeZone}.</p> : null}
    </form>
  );
}
