-- wrk script for every Mercato bench scenario (scripts/bench.sh runs it).
--
--   BENCH_SCENARIO  health | product | list | cart-add | cart-view | orders | login |
--                   checkout | mixed
--   BENCH_DATA      folder with the files written before the run, one value a line:
--                   products.txt (every active product id), categories.txt, tokens.txt
--                   (one access token per customer), emails.txt (the same customers),
--                   cart-products.txt, checkout-products.txt (BENCH_PRODUCTS overrides)
--   BENCH_PASSWORD  the customers' password (login)
--   BENCH_MIX       mixed: "product:45,list:20,cart-add:10,..." (weights, any total)
--
-- Each wrk thread has its own Lua state; done() runs in the main one and prints one line
-- "BENCH {json}" that bench.sh parses. Checkout is a chain: a place answer queues the
-- pay of that order, and the next request of any connection of the thread takes a
-- queued pay before placing a new order. Responses carry back the X-Request-Id we send,
-- which says what the request was and whose token placed the order.

local scenario = os.getenv("BENCH_SCENARIO") or "health"
local dir = os.getenv("BENCH_DATA") or "."
local password = os.getenv("BENCH_PASSWORD") or "mercato-demo-2026"

local function lines(name)
  local out = {}
  local f = io.open(dir .. "/" .. name, "r")
  if f == nil then return out end
  for l in f:lines() do
    if #l > 0 then out[#out + 1] = l end
  end
  f:close()
  return out
end

local function pick(t) return t[math.random(#t)] end

local products = lines("products.txt")
local categories = lines("categories.txt")
local tokens = lines("tokens.txt")
local emails = lines("emails.txt")
local cart_products = lines("cart-products.txt")
local search_words = lines("search-words.txt")
local checkout_products = {}
do
  local p = os.getenv("BENCH_PRODUCTS")
  if p ~= nil and p ~= "" then
    local f = io.open(p, "r")
    for l in f:lines() do if #l > 0 then checkout_products[#checkout_products + 1] = l end end
    f:close()
  else
    checkout_products = lines("checkout-products.txt")
  end
end

-- counters read by done() through thread:get
ops = 0      -- iterations started (a checkout iteration is place + pay)
orders = 0   -- place + pay pairs that ended with a captured payment
failed = 0   -- answers that were not 2xx (also counted by wrk as errors when >= 400)
unavailable = 0 -- of those, 503s (the flash sale's shed load)
codes = ""   -- the first non-2xx statuses seen, with a sample body: "409 {...}"
local seq = 0
local queue = {} -- pays waiting: {token index, order id}

local json_headers = { ["Content-Type"] = "application/json" }

local function headers(token_index, rid, extra)
  local h = { ["Content-Type"] = "application/json", ["X-Request-Id"] = rid }
  if token_index ~= nil then h["Authorization"] = "Bearer " .. tokens[token_index] end
  if extra ~= nil then for k, v in pairs(extra) do h[k] = v end end
  return h
end

nonce = "0" -- set per thread in init(): Idempotency-Keys stay unique across runs
local function rid(kind, token_index)
  seq = seq + 1
  return string.format("b%s%d-%s-%d-%d", kind, token_index or 0, nonce, id or 0, seq)
end

local address = '"shippingAddress":{"name":"Bench Buyer","line1":"2 Market St","city":"Berlin","postalCode":"10115","country":"DE"}'

local builders = {}

builders["health"] = function() return wrk.format("GET", "/health/live") end

builders["product"] = function() return wrk.format("GET", "/products/" .. pick(products)) end

builders["list"] = function() return wrk.format("GET", "/products?category=" .. pick(categories)) end

builders["search"] = function()
  return wrk.format("GET", "/search/products?q=" .. pick(search_words) .. "&limit=20")
end

builders["cart-add"] = function()
  local t = math.random(#tokens)
  return wrk.format("POST", "/cart/add", headers(t, rid("a", t)),
    '{"productId":"' .. pick(cart_products) .. '","quantity":1}')
end

builders["cart-view"] = function()
  local t = math.random(#tokens)
  return wrk.format("GET", "/cart", headers(t, rid("v", t)))
end

builders["orders"] = function()
  local t = math.random(#tokens)
  return wrk.format("GET", "/orders?limit=20", headers(t, rid("o", t)))
end

builders["login"] = function()
  local e = pick(emails)
  return wrk.format("POST", "/auth/login", headers(nil, rid("l")),
    '{"email":"' .. e .. '","password":"' .. password .. '"}')
end

builders["checkout"] = function()
  local t = math.random(#tokens)
  local r = rid("p", t)
  return wrk.format("POST", "/orders", headers(t, r, { ["Idempotency-Key"] = r }),
    '{"lines":[{"productId":"' .. pick(checkout_products) .. '","quantity":1}],' .. address .. '}')
end

local function pay_request()
  local item = table.remove(queue, 1)
  local t, order = item[1], item[2]
  local r = rid("q", t)
  return wrk.format("POST", "/payments", headers(t, r, { ["Idempotency-Key"] = r }),
    '{"orderId":"' .. order .. '","paymentMethod":{"type":"card","token":"tok_visa"}}')
end

-- mixed: cumulative weights over the builders
local mix = {}
local mix_total = 0
if scenario == "mixed" then
  for name, weight in string.gmatch(os.getenv("BENCH_MIX") or "product:1", "([%w-]+):(%d+)") do
    mix_total = mix_total + tonumber(weight)
    mix[#mix + 1] = { mix_total, builders[name] }
  end
end

local function next_request()
  if #queue > 0 then return pay_request() end
  ops = ops + 1
  if scenario == "mixed" then
    local x = math.random(mix_total)
    for _, m in ipairs(mix) do
      if x <= m[1] then return m[2]() end
    end
  end
  return builders[scenario]()
end

-- health keeps wrk's static request (no Lua per request), as the C-http ceiling does
if scenario ~= "health" then
  request = next_request
end

local seen = {}
if scenario ~= "health" then
  response = function(status, hdrs, body)
    if status < 200 or status > 299 then
      failed = failed + 1
      if status == 503 then unavailable = unavailable + 1 end
      if not seen[status] then
        seen[status] = true
        codes = codes .. status .. " " .. string.sub(string.gsub(body or "", '[%c"\\]', " "), 1, 160) .. "; "
      end
      return
    end
    if scenario ~= "checkout" and scenario ~= "mixed" then return end
    local r = hdrs["X-Request-Id"] or hdrs["x-request-id"] or ""
    local kind, t = string.match(r, "^b(%a)(%d+)-")
    if kind == "p" then
      local order = string.match(body, '"orderId"%s*:%s*"([^"]+)"')
      if order ~= nil then queue[#queue + 1] = { tonumber(t), order } end
    elseif kind == "q" then
      if string.find(body, '"captured"', 1, true) then orders = orders + 1 end
    end
  end
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919 + math.floor(os.clock() * 1000000))
  nonce = string.format("%x%x", os.time(), math.random(1, 1000000000))
end

function done(summary, latency, requests)
  local total_ops, total_orders, total_failed, total_503, all_codes = 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    total_ops = total_ops + (t:get("ops") or 0)
    total_orders = total_orders + (t:get("orders") or 0)
    total_failed = total_failed + (t:get("failed") or 0)
    total_503 = total_503 + (t:get("unavailable") or 0)
    all_codes = all_codes .. (t:get("codes") or "")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"status_errors":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"timeout":%d,"ops":%d,"orders":%d,"non2xx":%d,"unavailable":%d,"statuses":"%s"}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout, total_ops, total_orders, total_failed, total_503, string.sub(all_codes, 1, 600)))
end
