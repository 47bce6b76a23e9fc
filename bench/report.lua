-- wrk: print the figures as one JSON line (latencies in microseconds).
-- With the argument "vary" (wrk ... URL -- vary) each request asks the catalogue something
-- else: one of 20 words × 25 ages × 3 pages, so that most answers are not in the cache.
local words = {"musik", "teater", "fodbold", "guitar", "kor", "dans", "maling", "keramik",
  "lektiehjælp", "natur", "svømning", "klaver", "bibliotek", "værksted", "kreativ",
  "fællesskab", "idræt", "højskole", "sang", "drama"}
local vary = false

local function urlencode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

init = function(args)
  vary = args[1] == "vary"
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

request = function()
  if not vary then
    return wrk.format()
  end
  local path = string.format("%s&q=%s&alder=%d&side=%d", wrk.path,
    urlencode(words[math.random(#words)]), math.random(6, 30), math.random(1, 3))
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
