-- wrk script for ./donna bench chat: POST /api/chat as an internal caller acting for one of a few users per wrk
-- thread, each user starting a new chat every TURNS turns (the same load as the bench's own Java driver).
-- Environment: DONNA_BENCH_SECRET, DONNA_BENCH_USERS (users per thread), DONNA_BENCH_TURNS, DONNA_BENCH_RUN.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  secret = os.getenv("DONNA_BENCH_SECRET")
  users = tonumber(os.getenv("DONNA_BENCH_USERS") or "16")
  turns = tonumber(os.getenv("DONNA_BENCH_TURNS") or "10")
  run = os.getenv("DONNA_BENCH_RUN") or "0"
  counter = 0
end

function request()
  local slot = counter % users
  local turn = math.floor(counter / users)
  counter = counter + 1
  local user = "bench-" .. id .. "-" .. slot
  local chat = user .. "-" .. run .. "-" .. math.floor(turn / turns)
  local body = '{"message":"Please summarise turn ' .. turn .. ' of our plan","chat_id":"' .. chat .. '"}'
  return wrk.format("POST", "/api/chat", {
    ["Authorization"] = "Bearer " .. secret,
    ["X-Donna-User"] = user,
    ["Content-Type"] = "application/json"
  }, body)
end

-- One line the bench parses: requests, seconds, p50 and p99 in microseconds, errors.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout
  io.write(string.format("DONNA-BENCH %d %.6f %d %d %d\n", summary.requests, summary.duration / 1e6,
      latency:percentile(50), latency:percentile(99), errors))
end
