-- The redis engine's whole state and every operation on it, in one script so that each operation is atomic and
-- every key shares the hash tag of KEYS[1] (one slot: the script runs on Redis Cluster too).
-- KEYS[1] = <tag>indexed; ARGV[1] = <tag> (e.g. "jgateway:{engine}:"); ARGV[2] = operation; ARGV[3..] = its arguments.
--
-- <tag>indexed       ZSET  gateway address -> expiry (ms, server time): a gateway is live while its score is ahead
--                          of now, and it is live only while its state below is complete
-- <tag>gw:<addr>     SET   client_ids of a gateway
-- <tag>c:<cid>       HASH  w = gateway address, u = uid, p = membership changes recorded by senders and not yet
--                          applied by the gateway
-- <tag>cg:<cid>      SET   groups of a client
-- <tag>uid:<uid>     SET   client_ids bound to a uid;        <tag>uids   SET uids with a client
-- <tag>uidgw:<uid>   HASH  gateway address -> clients of the uid on it
-- <tag>grp:<g>       SET   client_ids in a group;            <tag>groups SET groups with a member
-- <tag>grpgw:<g>     HASH  gateway address -> members of the group on it
local K = ARGV[1]
local op = ARGV[2]

local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function isLive(gw, at)
  local score = redis.call('ZSCORE', K .. 'indexed', gw)
  return score and tonumber(score) > at
end

-- The client's gateway is recorded (ensure) before any change of its uid, and kept until it is dropped.
local function setUid(cid, uid)
  local ck = K .. 'c:' .. cid
  local old = redis.call('HGET', ck, 'u')
  if old == uid then
    return
  end
  local gw = redis.call('HGET', ck, 'w')
  if old then
    local uk = K .. 'uid:' .. old
    redis.call('SREM', uk, cid)
    if redis.call('SCARD', uk) == 0 then
      redis.call('SREM', K .. 'uids', old)
    end
    if gw and redis.call('HINCRBY', K .. 'uidgw:' .. old, gw, -1) <= 0 then
      redis.call('HDEL', K .. 'uidgw:' .. old, gw)
    end
  end
  if uid then
    redis.call('HSET', ck, 'u', uid)
    redis.call('SADD', K .. 'uid:' .. uid, cid)
    redis.call('SADD', K .. 'uids', uid)
    if gw then
      redis.call('HINCRBY', K .. 'uidgw:' .. uid, gw, 1)
    end
  else
    redis.call('HDEL', ck, 'u')
  end
end

local function join(cid, gw, g)
  if redis.call('SADD', K .. 'cg:' .. cid, g) == 1 then
    redis.call('SADD', K .. 'grp:' .. g, cid)
    redis.call('SADD', K .. 'groups', g)
    redis.call('HINCRBY', K .. 'grpgw:' .. g, gw, 1)
  end
end

local function leave(cid, gw, g)
  if redis.call('SREM', K .. 'cg:' .. cid, g) == 1 then
    local gk = K .. 'grp:' .. g
    redis.call('SREM', gk, cid)
    if redis.call('SCARD', gk) == 0 then
      redis.call('SREM', K .. 'groups', g)
    end
    if gw and redis.call('HINCRBY', K .. 'grpgw:' .. g, gw, -1) <= 0 then
      redis.call('HDEL', K .. 'grpgw:' .. g, gw)
    end
  end
end

local function ensure(cid, gw)
  redis.call('HSET', K .. 'c:' .. cid, 'w', gw)
  redis.call('SADD', K .. 'gw:' .. gw, cid)
end

local function drop(cid, gw)
  setUid(cid, false)
  for _, g in ipairs(redis.call('SMEMBERS', K .. 'cg:' .. cid)) do
    leave(cid, gw, g)
  end
  redis.call('DEL', K .. 'c:' .. cid, K .. 'cg:' .. cid)
  redis.call('SREM', K .. 'gw:' .. gw, cid)
end

local function dropGateway(gw)
  for _, cid in ipairs(redis.call('SMEMBERS', K .. 'gw:' .. gw)) do
    drop(cid, gw)
  end
  redis.call('DEL', K .. 'gw:' .. gw)
  redis.call('ZREM', K .. 'indexed', gw)
end

-- Drops the state of every gateway whose announcement expired (killed, cut off from Redis).
local function reap(at)
  for _, gw in ipairs(redis.call('ZRANGEBYSCORE', K .. 'indexed', '-inf', at)) do
    dropGateway(gw)
  end
end

local function apply(cid, gw, kind, id)
  if kind == 'bind' then
    setUid(cid, id)
  elseif kind == 'unbind' then
    setUid(cid, false)
  elseif kind == 'join' then
    join(cid, gw, id)
  elseif kind == 'leave' then
    leave(cid, gw, id)
  else
    return redis.error_reply('unknown membership change ' .. tostring(kind))
  end
end

-- ---- gateway side ----

if op == 'heartbeat' then
  -- ARGV: gw, ttl ms. The number of clients Redis holds for this gateway; -1 when its state is missing (expired,
  -- reaped, Redis restarted): rebuild it.
  local at = now()
  reap(at)
  if not redis.call('ZSCORE', K .. 'indexed', ARGV[3]) then
    return -1
  end
  redis.call('ZADD', K .. 'indexed', at + tonumber(ARGV[4]), ARGV[3])
  return redis.call('SCARD', K .. 'gw:' .. ARGV[3])
elseif op == 'live' then
  -- ARGV: gw, ttl ms. The last step of a rebuild: from now on senders route by this gateway's state.
  redis.call('ZADD', K .. 'indexed', now() + tonumber(ARGV[4]), ARGV[3])
  return 1
elseif op == 'reset' then
  -- ARGV: gw. The first step of a rebuild, and a gateway's exit.
  dropGateway(ARGV[3])
  return 1
elseif op == 'put' then
  -- ARGV: gw, cid, uid ('' with hasUid '0'), hasUid, groups...
  local gw, cid = ARGV[3], ARGV[4]
  ensure(cid, gw)
  if ARGV[6] == '1' then
    setUid(cid, ARGV[5])
  end
  for i = 7, #ARGV do
    join(cid, gw, ARGV[i])
  end
  return 1
elseif op == 'connected' then
  ensure(ARGV[4], ARGV[3])
  return 1
elseif op == 'drop' then
  drop(ARGV[4], ARGV[3])
  return 1
elseif op == 'applied' then
  -- ARGV: gw, cid, kind, id. A change a sender recorded already is only acknowledged.
  local gw, cid = ARGV[3], ARGV[4]
  local ck = K .. 'c:' .. cid
  local pending = tonumber(redis.call('HGET', ck, 'p') or '0')
  if pending > 0 then
    redis.call('HINCRBY', ck, 'p', -1)
    return 0
  end
  ensure(cid, gw)
  apply(cid, gw, ARGV[5], ARGV[6])
  return 1

-- ---- sender side ----

elseif op == 'mirror' then
  -- ARGV: gw, cid, kind, id. Recorded only for a live gateway (another one receives every push anyway).
  local gw, cid = ARGV[3], ARGV[4]
  if not isLive(gw, now()) then
    return 0
  end
  ensure(cid, gw)
  redis.call('HINCRBY', K .. 'c:' .. cid, 'p', 1)
  apply(cid, gw, ARGV[5], ARGV[6])
  return 1
elseif op == 'unmirror' then
  local ck = K .. 'c:' .. ARGV[4]
  if tonumber(redis.call('HGET', ck, 'p') or '0') > 0 then
    redis.call('HINCRBY', ck, 'p', -1)
  end
  return 1
elseif op == 'ungroup' then
  local g = ARGV[3]
  for _, cid in ipairs(redis.call('SMEMBERS', K .. 'grp:' .. g)) do
    leave(cid, redis.call('HGET', K .. 'c:' .. cid, 'w'), g)
  end
  redis.call('DEL', K .. 'grpgw:' .. g)
  return 1
end

-- The senders' routing lookups are route.lua's.

-- ---- presence: ARGV[3] = n, ARGV[4 .. 3+n] = the gateways the asker knows, then the query's arguments ----

local at = now()
reap(at)
local n = tonumber(ARGV[3])
for i = 4, 3 + n do
  if not isLive(ARGV[i], at) then
    return redis.error_reply('NOTLIVE gateway ' .. ARGV[i] .. ' keeps no state in Redis')
  end
end
local a = 4 + n

if op == 'uids' then
  local result = {}
  for i = a, #ARGV do
    result[#result + 1] = redis.call('SMEMBERS', K .. 'uid:' .. ARGV[i])
  end
  return result
elseif op == 'group' then
  return redis.call('SMEMBERS', K .. 'grp:' .. ARGV[a])
elseif op == 'group_count' then
  return redis.call('SCARD', K .. 'grp:' .. ARGV[a])
elseif op == 'count' then
  local total = 0
  for _, gw in ipairs(redis.call('ZRANGE', K .. 'indexed', 0, -1)) do
    total = total + redis.call('SCARD', K .. 'gw:' .. gw)
  end
  return total
elseif op == 'group_uids' then
  local uids, seen = {}, {}
  for _, cid in ipairs(redis.call('SMEMBERS', K .. 'grp:' .. ARGV[a])) do
    local uid = redis.call('HGET', K .. 'c:' .. cid, 'u')
    if uid and not seen[uid] then
      seen[uid] = true
      uids[#uids + 1] = uid
    end
  end
  return uids
elseif op == 'uid_count' then
  return redis.call('SCARD', K .. 'uids')
elseif op == 'groups' then
  return redis.call('SMEMBERS', K .. 'groups')
end
return redis.error_reply('unknown operation ' .. tostring(op))
