-- wrk script for bench/run.py: prints one machine-readable "BENCH key=value" line per
-- figure when the run is done.
--
--   wrk -t2 -c8 -d10s -s bench/latency.lua URL             (measured run)
--   wrk -t2 -c8 -d2s  -s bench/latency.lua URL -- count    (warm-up run)
--
-- With the argument "count" the script also looks at every response: it counts non-2xx
-- answers (wrk itself only counts status >= 400) and the cache headers X-Page-Cache
-- (Django's page cache) and X-Proxy-Cache (nginx proxy_cache). Defining a response()
-- hook makes wrk hand every header to Lua, which costs time, so the measured runs go
-- without it.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local counters = { "seen", "non2xx", "page_hit", "page_miss", "proxy_hit", "proxy_other" }

function init(args)
  if args[1] ~= "count" then
    return
  end
  for _, name in ipairs(counters) do
    _G[name] = 0
  end
  -- wrk decides after init() whether the script wants responses.
  response = function(status, headers, body)
    seen = seen + 1
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
    for name, value in pairs(headers) do
      local lower = string.lower(name)
      if lower == "x-page-cache" then
        if value == "hit" then
          page_hit = page_hit + 1
        else
          page_miss = page_miss + 1
        end
      elseif lower == "x-proxy-cache" then
        if value == "HIT" then
          proxy_hit = proxy_hit + 1
        else
          proxy_other = proxy_other + 1
        end
      end
    end
  end
end

local function line(name, format, value)
  io.write(string.format("BENCH %s=" .. format .. "\n", name, value))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  line("requests", "%d", summary.requests)
  line("seconds", "%.3f", seconds)
  line("bytes", "%d", summary.bytes)
  line("rps", "%.2f", summary.requests / seconds)
  -- wrk records latencies in microseconds.
  line("p50_ms", "%.3f", latency:percentile(50) / 1000)
  line("p95_ms", "%.3f", latency:percentile(95) / 1000)
  line("p99_ms", "%.3f", latency:percentile(99) / 1000)
  line("max_ms", "%.3f", latency.max / 1000)
  line("errors_connect", "%d", errors.connect)
  line("errors_read", "%d", errors.read)
  line("errors_write", "%d", errors.write)
  line("errors_timeout", "%d", errors.timeout)
  line("errors_status", "%d", errors.status)
  if threads[1] ~= nil and threads[1]:get("seen") ~= nil then
    for _, name in ipairs(counters) do
      local total = 0
      for _, thread in ipairs(threads) do
        total = total + thread:get(name)
      end
      line("count_" .. name, "%d", total)
    end
  end
end
