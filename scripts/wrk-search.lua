-- wrk script for the load benchmark of `warta serve` (docs/BENCHMARKS.md): each
-- connection walks through the store search bench's nine queries (lemma words, a phrase,
-- an alias, an entity, a type with a day range, an outlet), each answered with 20 hits,
-- the total and the facets, as the interface asks them.
--
--   wrk -t2 -c64 -d30s --latency -s scripts/wrk-search.lua http://127.0.0.1:8080

local paths = {
  "/api/search?q=serang",
  "/api/search?q=Kiev",
  "/api/search?q=%22pos%20pemeriksaan%22",
  "/api/search?q=gencatan%20senjata",
  "/api/search?q=korban%20tewas%20Kyiv",
  "/api/search?q=bantuan%20darurat%20keluarga",
  "/api/search?q=tewas&entity=Gaza",
  "/api/search?type=ASSAULT&since=2025-03-01&until=2025-04-30",
  "/api/search?q=mengungsi&outlet=Warta%20Harian",
}

local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
