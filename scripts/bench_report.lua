-- wrk script for scripts/bench.py: after the run, one line with the figures the benchmark reports.
-- Latencies in microseconds; wrk's own --latency output has no 95th percentile.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, ' ..
    '"max_us": %.0f, "socket_errors": %d, "bad_status": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status
  ))
end
