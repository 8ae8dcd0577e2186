-- One simulated learner per wrk thread (run with as many threads as connections): each thread
-- takes its own session cookie from COOKIES and plays the handshake playground lab, pressing
-- "next" while the lab offers it and "back" otherwise, reading the lab's new version and its
-- controls from every answer (so a learner never gets stuck asking for what is not there).
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do cookies[#cookies + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("cookie", cookies[(counter - 1) % #cookies + 1])
end
local version, word = 1, "next"
function request()
  return wrk.format("POST", "/en/play/handshake",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true", ["Cookie"] = cookie},
    "do=" .. word .. "&version=" .. version)
end
function response(status, headers, body)
  local v = body and body:match('name="version" value="(%d+)"')
  if v then version = tonumber(v) end
  if body then word = body:find('value="next"', 1, true) and "next" or "back" end
end
