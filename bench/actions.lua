-- One simulated learner per wrk thread (run with as many threads as connections): each thread
-- takes its own session cookie from COOKIES and alternates "next" and "back" on lab 1 of the
-- three-way-handshake lesson, reading the lab's new version from every answer.
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do cookies[#cookies + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("cookie", cookies[(counter - 1) % #cookies + 1])
end
local version, step = 1, 0
function request()
  step = step + 1
  local word = (step % 2 == 1) and "next" or "back"
  return wrk.format("POST", "/en/lessons/three-way-handshake/labs/1",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true", ["Cookie"] = cookie},
    "do=" .. word .. "&version=" .. version)
end
function response(status, headers, body)
  local v = body and body:match('name="version" value="(%d+)"')
  if v then version = tonumber(v) end
end
