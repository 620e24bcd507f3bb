import { Button } from "../ui/button";

type Props = { error?: string; saved: boolean; pending: boolean; disabled: boolean; editable: boolean; canOperate: boolean; onSave: () => void; testId?: string };

/** The foot of every options form: the refusal or the confirmation, then Save for those who may. */
export function OptionsSaveRow({ error, saved, pending, disabled, editable, canOperate, onSave, testId }: Props) {
  return (
    <>
      {error ? <p role="alert" className="mt-3 text-sm text-danger">{error}</p> : null}
      {saved && !error ? <p role="status" className="mt-3 text-sm text-ok">Options saved.</p> : null}
      {canOperate ? (
        <div className="mt-4 flex items-center gap-3">
          <Button disabled={disabled} onClick={onSave} data-testid={testId}>{pending ? "Saving…" : "Save options"}</Button>
          {!editable ? <span className="text-xs text-muted-fg">Options can change before the start, or after a failed step (then Retry).</span> : null}
        </div>
      ) : null}
    </>
  );
}
