-- Drives one endpoint for bench/run.py and prints the run as one JSON line.
-- WRK_PATHS_FILE: paths to request, one a line; each thread takes every WRK_THREADS-th one, so
-- one-off requests (sending a draft) are never repeated. WRK_METHOD, WRK_BODY, WRK_COOKIE.
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("WRK_PATHS_FILE")) do
    table.insert(paths, line)
  end
  stride = tonumber(os.getenv("WRK_THREADS") or "1")
  position = id
  method = os.getenv("WRK_METHOD") or "GET"
  body = os.getenv("WRK_BODY")
  headers = {["Accept-Encoding"] = "gzip"}
  if os.getenv("WRK_COOKIE") then headers["Cookie"] = os.getenv("WRK_COOKIE") end
  if body then headers["Content-Type"] = "application/x-www-form-urlencoded" end
end

function request()
  local path = paths[((position - 1) % #paths) + 1]
  position = position + stride
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "errors_connect": %d, "errors_read": %d, ' ..
    '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "p50_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
