import { createHash } from "node:crypto";

/**
 * The verifier's one server-side read: for each key of a batch, PTTL, a size (MEMORY USAGE, or
 * STRLEN / element count x ARGV[4] where MEMORY is refused) and the DUMP payload of keys at most
 * ARGV[1] bytes, while the call's payloads stay within ARGV[3] bytes (a key that does not fit
 * comes back without a payload and is DUMPed separately). Run with EVALSHA_RO / EVAL_RO, so the server itself refuses any
 * write inside it; the source allow-list admits it by its SHA only, never another script.
 * KEYS are the batch's keys; ARGV[2] is "1" to use MEMORY USAGE. Returns { {pttl, size, len}...,
 * payloads } where payloads is every payload concatenated (len -1: none), so a caller compares
 * two ends' payloads of a whole call with one memcmp and parses no per-key string.
 */
export const VERIFY_READ_SCRIPT = `local big, mem, cap, per = tonumber(ARGV[1]), ARGV[2] == '1', tonumber(ARGV[3]), tonumber(ARGV[4])
local lens = { string = 'STRLEN', hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN' }
local meta, parts, n, held = {}, {}, 0, 0
for i, k in ipairs(KEYS) do
  local pttl = redis.call('PTTL', k)
  local size = 0
  if pttl ~= -2 then
    if mem then
      size = redis.call('MEMORY', 'USAGE', k) or 0
    else
      local t = redis.call('TYPE', k).ok
      if lens[t] then
        size = redis.call(lens[t], k)
        if t ~= 'string' then size = size * per end
      end
    end
  end
  local len = -1
  if pttl ~= -2 and size <= big and held + size <= cap then
    local p = redis.call('DUMP', k)
    if p and held + #p <= cap then
      n = n + 1
      parts[n] = p
      len = #p
      held = held + len
    end
  end
  meta[3 * i - 2] = pttl
  meta[3 * i - 1] = size
  meta[3 * i] = len
end
return { meta, table.concat(parts) }`;

export const VERIFY_READ_SCRIPT_SHA = createHash("sha1").update(VERIFY_READ_SCRIPT).digest("hex");
