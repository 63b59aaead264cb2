-- Prints what make bench reads: requests per second, latency percentiles (microseconds), errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("rps %.1f\n", summary.requests / seconds))
  io.write(string.format("p50 %d\n", latency:percentile(50)))
  io.write(string.format("p95 %d\n", latency:percentile(95)))
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("errors %d\n", errors))
end
