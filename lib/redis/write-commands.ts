/** Commands counted as writes in INFO commandstats (the common ones; an estimate, not an audit). */
export const WRITE_COMMANDS = /^(set|setex|psetex|setnx|mset|msetnx|getset|getdel|getex|append|setrange|incr\w*|decr\w*|del|unlink|expire\w*|pexpire\w*|persist|rename\w*|move|copy|restore|h(set|setnx|mset|del|incrby\w*)|[lr]push\w*|[lr]pop|lset|lrem|ltrim|linsert|lmove|blmove|rpoplpush|s(add|rem|pop|move|\w+store)|z(add|rem\w*|incrby|pop\w*|\w+store)|x(add|del|trim|ack|claim|autoclaim|group|setid)|pfadd|pfmerge|geoadd|bitop|setbit|bitfield|flushdb|flushall|swapdb)$/;

/** Calls per write command from INFO commandstats text ("cmdstat_set:calls=12,..."). */
export function writeCallsByCommand(commandstats: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of commandstats.matchAll(/^cmdstat_([a-z_|]+):calls=(\d+)/gm)) if (WRITE_COMMANDS.test(m[1])) out.set(m[1], Number(m[2]));
  return out;
}
