/** Fields never sent back to the browser after a submission: they are secrets. */
export const SECRET_FIELDS = ["password", "externalId"];

export type TFormValues = Record<string, string>;

/** What was typed, minus the secrets and React's action fields, to refill the form after a refusal. */
export function keptValues(form: FormData): TFormValues {
  const out: TFormValues = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET_FIELDS.includes(k)) out[k] = v;
  }
  return out;
}
