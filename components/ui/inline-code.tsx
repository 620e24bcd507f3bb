/** Text whose `backticked` parts are commands: shown as code, never as literal backticks. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((p, i) => (i % 2 === 1
        ? <code key={i} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.7rem] break-all">{p}</code>
        : <span key={i}>{p}</span>))}
    </>
  );
}
