-- wrk script for the load benchmark of `warta serve` without repeated questions
-- (docs/BENCHMARKS.md): every request is a different search, so that an answer cache
-- cannot help. A request is two words of the benchmark corpus's 91 (scripts/store_corpus
-- writes them; the 20,000 first articles use them all), optionally from one month on:
-- 91 x 91 x 13 = 107,653 questions, walked in a scattered order, each wrk thread in
-- its own part of it. A 20-second run at 1,000 requests/s asks each at most once.
--
--   wrk -t2 -c64 -d20s --latency -s scripts/wrk-search-words.lua http://127.0.0.1:8080

local words = {
  "luka", "pemerintah", "sebuah", "pada", "sedikitnya", "orang", "tewas", "lainnya",
  "akibat", "serangan", "tersebut", "menurut", "laporan", "nomor", "kami", "akan",
  "terus", "memantau", "keadaan", "lapangan", "kata", "juru", "bicara", "kepada",
  "wartawan", "kelompok", "militer", "pasukan", "bantuan", "menyerang", "korban",
  "setempat", "membom", "mengepung", "menembaki", "gudang", "logistik", "jembatan",
  "utama", "pemeriksaan", "konvoi", "markas", "bersenjata", "myanmar", "kharkiv",
  "israel", "ukraina", "gaza", "khartoum", "kyiv", "tentara", "sudan", "mandalay",
  "rusia", "rafah", "hamas", "menjanjikan", "darurat", "bagi", "keluarga", "sejumlah",
  "negara", "menyerukan", "gencatan", "senjata", "segera", "setelah", "kejadian",
  "penyelamat", "masih", "mencari", "bawah", "reruntuhan", "hingga", "malam", "hari",
  "warga", "mengungsi", "desa", "tetangga", "sambil", "membawa", "barang", "seadanya",
  "rabu", "selasa", "sabtu", "minggu", "jumat", "senin", "kamis",
}

local n = #words
local questions = n * n * 13

local threads = 0
setup = function(thread)
  thread:set("part", threads)
  threads = threads + 1
end

local counter = 0

init = function()
  -- Each thread starts half the questions further on.
  counter = (tonumber(wrk.thread:get("part")) or 0) * math.floor(questions / 2)
end

request = function()
  counter = counter + 1
  -- 7919 is prime to 107,653 = 7^2 x 13^3: the walk visits every question once.
  local k = (counter * 7919) % questions
  local a = k % n
  local b = math.floor(k / n) % n
  local month = math.floor(k / (n * n))
  local path = "/api/search?q=" .. words[a + 1] .. "%20" .. words[b + 1]
  if month > 0 then
    path = path .. string.format("&since=2025-%02d-01", month)
  end
  return wrk.format("GET", path)
end
