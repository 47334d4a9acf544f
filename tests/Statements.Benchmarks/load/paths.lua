-- Each request takes a random line of the file named by WRK_PATHS: "path" for a GET, or "path<TAB>etag" for a GET
-- with If-None-Match. With WRK_WRITE_EVERY=N and WRK_KEY, every N-th request on average is instead a POST of a new
-- statement (body from WRK_BODY) to /api/v1/statements with that key.
local paths, etags = {}, {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  local path, etag = line:match("^([^\t]+)\t?(.*)$")
  paths[#paths + 1] = path
  etags[#etags + 1] = etag
end
local write_every = tonumber(os.getenv("WRK_WRITE_EVERY") or "0")
local key = os.getenv("WRK_KEY")
local body = os.getenv("WRK_BODY")

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  if write_every > 0 and math.random(write_every) == 1 then
    return wrk.format("POST", "/api/v1/statements",
      { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
  end
  local i = math.random(#paths)
  if etags[i] ~= "" then
    return wrk.format("GET", paths[i], { ["If-None-Match"] = etags[i] })
  end
  return wrk.format("GET", paths[i])
end

-- With writes, each thread counts the 201 answers; done() prints their sum, for run.sh to compare with the rows the
-- database gained: an acknowledged write that is not there would be a lost write.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

if write_every > 0 then
  created = 0
  function response(status, headers, body)
    if status == 201 then
      created = created + 1
    end
  end
end

function done(summary, latency, requests)
  if write_every > 0 then
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + (thread:get("created") or 0)
    end
    io.write(string.format("acknowledged writes: %d\n", total))
  end
end
