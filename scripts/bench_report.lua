-- wrk script for scripts/bench.py: after the run, one line with the figures the benchmark reports.
-- Latencies in microseconds; wrk's own --latency output has no 95th percentile. `hits` counts the
-- answers served from the page cache (header X-Page-Cache: hit), summed over wrk's threads.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  hits = 0
end

response = function(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then
    hits = hits + 1
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local all_hits = 0
  for _, thread in ipairs(threads) do
    all_hits = all_hits + thread:get("hits")
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, ' ..
    '"max_us": %.0f, "socket_errors": %d, "bad_status": %d, "hits": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status, all_hits
  ))
end
