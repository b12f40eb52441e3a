-- The history of one stream (a group or a uid), in two keys that share one hash tag:
--   KEYS[1] meta: a hash with the stream's epoch and top (its newest offset);
--   KEYS[2] entries: a Redis stream, entry id 0-<offset>, fields t (Redis time in ms when kept) and b (the body).
-- ARGV[1] the operation, ARGV[2] the policy's ttl in ms, ARGV[3] the policy's size, ARGV[4] the epoch to start when
-- the stream has none; then the operation's own arguments.
local meta, entries = KEYS[1], KEYS[2]
local op, ttl, size, fresh = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]

local function id(offset)
  return string.format('0-%d', offset)
end

local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- The stream's epoch and top. Without its meta key the stream's history is gone (expired, or Redis lost its data):
-- a new epoch starts at offset 0, and entries left over from the old one are dropped, never served under the new.
local function current()
  local m = redis.call('HMGET', meta, 'epoch', 'top')
  if m[1] then
    return m[1], tonumber(m[2]), 0
  end
  redis.call('DEL', entries)
  redis.call('HSET', meta, 'epoch', fresh, 'top', 0)
  redis.call('PEXPIRE', meta, ttl)
  return fresh, 0, 1
end

if op == 'append' then
  -- ARGV[5] the epoch and ARGV[6] the top the body was built for, ARGV[7] the body, ARGV[8] the sender's token,
  -- ARGV[9] how long in ms a claim lasts. The offset is assigned here, atomically with the XADD: when another sender
  -- appended meanwhile, nothing is kept and the caller builds the body again for the top it is told. A sender that
  -- lost the race claims the next offset for a moment, so that it gets its turn against senders that keep winning;
  -- meanwhile the others are told to wait. A claim that is not used (the sender died) just expires.
  -- Reply: {1 kept | 0 not, the top changed | 2 not, another sender's claim, epoch, top (the new offset when kept),
  -- 1 when this call started the epoch}
  local epoch, top, started = current()
  local t = now()
  local claim = redis.call('HMGET', meta, 'claim', 'claimUntil')
  if claim[1] and claim[1] ~= ARGV[8] and tonumber(claim[2]) > t then
    return {2, epoch, top, started}
  end
  if epoch ~= ARGV[5] or top ~= tonumber(ARGV[6]) then
    redis.call('HSET', meta, 'claim', ARGV[8], 'claimUntil', string.format('%d', t + tonumber(ARGV[9])))
    return {0, epoch, top, started}
  end
  local offset = top + 1
  redis.call('XADD', entries, 'MAXLEN', '~', size, id(offset), 't', t, 'b', ARGV[7])
  redis.call('HSET', meta, 'top', string.format('%d', offset))
  redis.call('HDEL', meta, 'claim', 'claimUntil')
  redis.call('PEXPIRE', meta, ttl)
  redis.call('PEXPIRE', entries, ttl)
  return {1, epoch, offset, started}
end

if op == 'read' then
  -- ARGV[5] the reader's epoch ('' to read from the epoch's first message), ARGV[6] its offset, ARGV[7] at most how
  -- many messages. Reply: {1 complete | 0 lost, epoch, top, started, then the bodies after the offset, oldest first}.
  -- Exactly the policy's size and ttl apply here (MAXLEN ~ keeps a few more, and entries outlive their ttl until the
  -- key expires): a read that would need an older message is lost, with nothing returned.
  local epoch, top, started = current()
  local lost = {0, epoch, top, started}
  local after = 0
  if ARGV[5] ~= '' then
    after = tonumber(ARGV[6])
    if ARGV[5] ~= epoch or after > top then
      return lost
    end
  end
  if after == top then
    return {1, epoch, top, started}
  end
  if after < top - size then
    return lost
  end
  local found = redis.call('XRANGE', entries, id(after + 1), '+', 'COUNT', ARGV[7])
  if #found == 0 or found[1][1] ~= id(after + 1) or tonumber(found[1][2][2]) <= now() - ttl then
    return lost
  end
  local reply = {1, epoch, top, started}
  for _, entry in ipairs(found) do
    reply[#reply + 1] = entry[2][4]
  end
  return reply
end

return redis.error_reply('unknown history operation ' .. tostring(op))
