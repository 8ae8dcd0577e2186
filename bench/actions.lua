-- One simulated learner per wrk thread (run with as many threads as connections): each thread
-- takes its own fresh session from COOKIES (made by bench/run.sh just before the run, with the
-- handshake playground lab connected, at version 1) and plays that lab: "next", then "back",
-- over and over. Both are always offered there, and every accepted action adds one to the lab's
-- version, so a 200 is all the script needs to know. It reads an answer's body only after a
-- surprise (a 409 or 400: never in a clean run, and bench/run.sh requires wrk's count of non-2xx
-- answers to be 0): searching every 8 KB answer in Lua costs wrk about as much CPU as the server
-- spends on the action, on the same two cores.
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
  if status == 200 then
    version = version + 1
    word = word == "next" and "back" or "next"
  else -- the lab is not where the script thought: read where it is
    local v = body:match('name="version" value="(%d+)"')
    if v then version = tonumber(v) end
    word = body:find('value="next"', 1, true) and "next" or "back"
  end
end
