-- Reads every answer as bench/actions.lua does (the lab's version and whether "next" is offered),
-- for a baseline whose load generator does the same work per answer as for lab actions.
local version, word = 1, "next"
function response(status, headers, body)
  local v = body and body:match('name="version" value="(%d+)"')
  if v then version = tonumber(v) end
  if body then word = body:find('value="next"', 1, true) and "next" or "back" end
end
