-- wrk script of the benchmark harness (bench/wrk.py): every request is a GET of a path drawn at
-- random from the file $BENCH_PATHS (one path a line: a query with a random IRI already in it),
-- with the Accept header $BENCH_ACCEPT. At the end it prints one JSON line, marked "bench".

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    paths[#paths + 1] = line
  end
  accept = os.getenv("BENCH_ACCEPT")
  math.randomseed(1000 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept"] = accept })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"bench": 1, "requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
