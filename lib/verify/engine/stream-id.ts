/** The smallest stream id after `id`: works on every version (the "(" exclusive range needs 6.2). */
export function nextStreamId(id: string): string {
  const [ms, seq] = id.split("-").map(BigInt);
  return seq === BigInt("18446744073709551615") ? `${ms + BigInt(1)}-0` : `${ms}-${seq + BigInt(1)}`;
}
