-- The senders' routing lookups over the keys engine.lua keeps (described there), apart from it so that a push runs
-- only this short script, and several senders' lookups can share one call.
-- KEYS[1] = <tag>indexed; ARGV[1] = <tag>; ARGV[2..]: lookups, each a kind ('u' uids, 'g' groups, 'a' every gateway
-- holding a client), a count n and n ids.
-- Returns {live gateways, owners of lookup 1, owners of lookup 2, ...}: a gateway is an owner when it holds a client
-- of one of the lookup's uids, a member of one of its groups ('a': any client).
local K = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
local result = {live}
local i = 2
while i <= #ARGV do
  local kind, n = ARGV[i], tonumber(ARGV[i + 1])
  local owners = {}
  if kind == 'a' then
    for _, gw in ipairs(live) do
      if redis.call('SCARD', K .. 'gw:' .. gw) > 0 then
        owners[#owners + 1] = gw
      end
    end
  elseif kind == 'u' or kind == 'g' then
    local index = K .. (kind == 'u' and 'uidgw:' or 'grpgw:')
    local seen = {}
    for j = i + 2, i + 1 + n do
      for _, gw in ipairs(redis.call('HKEYS', index .. ARGV[j])) do
        if not seen[gw] then
          seen[gw] = true
          owners[#owners + 1] = gw
        end
      end
    end
  else
    return redis.error_reply('unknown routing lookup ' .. tostring(kind))
  end
  result[#result + 1] = owners
  i = i + 2 + n
end
return result
