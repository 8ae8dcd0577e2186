-- One simulated learner per wrk thread (run with as many threads as connections): each thread
-- takes its own fresh session from COOKIES (made by bench/run.sh just before the run, with the
-- handshake playground lab connected, at version 1) and plays that lab: "next", then "back",
-- over and over. Both are always offered there, and every accepted action adds one to the lab's
-- version, so the script knows each request's version without reading the answers (reading them
-- in Lua would cost wrk as much CPU as the server spends, on the same two cores). Any answer but
-- 200 (a 409 for a wrong version, a 400 for an action not offered) shows in wrk's count of
-- non-2xx answers, which bench/run.sh requires to be 0.
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do cookies[#cookies + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("cookie", cookies[(counter - 1) % #cookies + 1])
end
local version = 1
function request()
  local word = version % 2 == 1 and "next" or "back"
  local r = wrk.format("POST", "/en/play/handshake",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true", ["Cookie"] = cookie},
    "do=" .. word .. "&version=" .. version)
  version = version + 1
  return r
end
