-- End-to-end check of `segur-json lsp --stdio` in Neovim's built-in LSP client (headless).
--
-- It opens one file the way a user would (`filetype on`, `:edit`, a FileType json autocmd that starts the client
-- and attaches the buffer, as docs/neovim.md shows), waits for the server's diagnostics for that buffer, and
-- writes what Neovim stored (vim.diagnostic.get) as a JSON array to a file:
--   [{ "code": "S5", "range": {"start": {"line": 22, "character": 12}, "end": {...}},
--      "message": "...", "severity": 1, "source": "segur" }, ...]
-- Ranges are 0-based LSP positions (UTF-16 code units), converted back from Neovim's byte columns and
-- cross-checked against the positions the server published. A file with no diagnostics gives [] (the server
-- publishes an empty list when it opens any document, Ségur or not).
--
-- Run (Neovim 0.7.2, Debian 12; also written for >= 0.8, where vim.lsp.start exists, untested here):
--   SEGUR_NVIM_FILE=test/fixtures/IMG-RIS-Va2/S5-plural.json SEGUR_NVIM_OUT=/tmp/diags.json \
--     nvim --headless --clean -u NONE -i NONE -n -c 'luafile test/e2e/nvim/check.lua'
-- Environment:
--   SEGUR_NVIM_FILE        file to open (required)
--   SEGUR_NVIM_OUT         where to write the JSON array (required)
--   SEGUR_NVIM_NODE        node executable (default: node)
--   SEGUR_NVIM_SERVER      server script (default: <repo>/bin/segur-json.js)
--   SEGUR_NVIM_TIMEOUT_MS  how long to wait for the first diagnostics of the buffer (default: 10000)
--   SEGUR_NVIM_SETTLE_MS   how long to keep listening after them, in case a later publish changes them (default: 150)
--   SEGUR_NVIM_SETTINGS    JSON for the client's `settings`, e.g. {"segur":{"rules":{"S5":"warning"}}}. When set,
--                          the client also advertises workspace.configuration (Neovim 0.7 does not by default, so
--                          the server would never ask); "{}" makes the client answer the server's requests with null
--   SEGUR_NVIM_LOCALE      sets `locale` in the initialize request through `before_init` (e.g. en)
--   SEGUR_NVIM_FLOAT_OUT   if set and there are diagnostics: put the cursor on the first one, open the float
--                          (vim.diagnostic.open_float, configured as docs/neovim.md shows) and write its lines there
-- Exit codes: 0 written; 1 usage or Lua error; 2 timeout (no diagnostics for the buffer); 3 the server exited;
--   4 Neovim's stored diagnostics disagree with what the server published.
-- Progress goes to stdout, errors to stderr, one line each.

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function log(s) io.stdout:write(string.format('[%d ms] %s\n', ms(), s)) end

local Fail = {}
local function fail(code, msg) error(setmetatable({ code = code, msg = msg }, Fail), 0) end

local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local repo = vim.fn.fnamemodify(script, ':p:h:h:h:h') -- test/e2e/nvim/check.lua -> repo root

local client_id, server_exit, bufnr, filetype_seen

local function main()
  local file = os.getenv('SEGUR_NVIM_FILE')
  local out = os.getenv('SEGUR_NVIM_OUT')
  if not file or file == '' or not out or out == '' then fail(1, 'SEGUR_NVIM_FILE and SEGUR_NVIM_OUT must be set') end
  file = vim.fn.fnamemodify(file, ':p')
  if vim.fn.filereadable(file) == 0 then fail(1, 'cannot read ' .. file) end
  local node = os.getenv('SEGUR_NVIM_NODE') or 'node'
  local server = os.getenv('SEGUR_NVIM_SERVER') or (repo .. '/bin/segur-json.js')
  local timeout = tonumber(os.getenv('SEGUR_NVIM_TIMEOUT_MS') or '') or 10000
  local settle = tonumber(os.getenv('SEGUR_NVIM_SETTLE_MS') or '') or 150
  local v = vim.version()
  log(string.format('nvim %d.%d.%d, %s', v.major, v.minor, v.patch,
    vim.lsp.start and 'vim.lsp.start' or 'vim.lsp.start_client + vim.lsp.buf_attach_client'))

  -- What the server sent for each URI, recorded before Neovim's own handler stores it.
  local published = {} -- uri -> { count = n, diagnostics = last list }
  local function record(uri, diagnostics)
    local p = published[uri] or { count = 0 }
    p.count = p.count + 1
    p.diagnostics = diagnostics or {}
    published[uri] = p
  end
  local default_push = vim.lsp.handlers['textDocument/publishDiagnostics']
  local handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result then record(result.uri, result.diagnostics) end
      return default_push(err, result, ctx, config)
    end,
  }
  -- Neovim >= 0.10 advertises pull diagnostics; the server then answers textDocument/diagnostic instead of pushing.
  local default_pull = vim.lsp.handlers['textDocument/diagnostic']
  if default_pull then
    handlers['textDocument/diagnostic'] = function(err, result, ctx, config)
      local uri = ctx.params and ctx.params.textDocument and ctx.params.textDocument.uri
      if result and uri and result.kind == 'full' then record(uri, result.items) end
      return default_pull(err, result, ctx, config)
    end
  end

  local settings = os.getenv('SEGUR_NVIM_SETTINGS')
  local locale = os.getenv('SEGUR_NVIM_LOCALE')
  local config = {
    name = 'segur',
    cmd = { node, server, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    handlers = handlers,
    settings = settings and settings ~= '' and vim.json.decode(settings) or nil,
    capabilities = settings and settings ~= '' and vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(),
      { workspace = { configuration = true } }) or nil,
    before_init = locale and locale ~= '' and function(params) params.locale = locale end or nil,
    on_exit = function(code, signal) server_exit = string.format('code %s, signal %s', tostring(code), tostring(signal)) end,
  }

  vim.cmd('filetype on')
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'json',
    callback = function(args)
      filetype_seen = true
      if vim.lsp.start then
        client_id = vim.lsp.start(config, { bufnr = args.buf })
      else
        if not (client_id and vim.lsp.get_client_by_id(client_id)) then client_id = vim.lsp.start_client(config) end
        if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
      end
    end,
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  bufnr = vim.api.nvim_get_current_buf()
  if not filetype_seen then fail(1, string.format('no client started: filetype is %q, not json', vim.bo[bufnr].filetype)) end
  if not client_id then fail(3, 'the server could not be started: ' .. table.concat(config.cmd, ' ')) end
  local uri = vim.uri_from_bufnr(bufnr)
  log(string.format('client %d attached to %s (filetype %s)', client_id, uri, vim.bo[bufnr].filetype))

  local got = vim.wait(timeout, function() return published[uri] ~= nil or server_exit ~= nil end, 10)
  if not published[uri] then
    if server_exit then fail(3, 'the server exited (' .. server_exit .. ') before publishing diagnostics for ' .. uri) end
    fail(2, string.format('timeout: no diagnostics for %s after %d ms (wait returned %s)', uri, timeout, tostring(got)))
  end
  log(string.format('first diagnostics for the buffer: %d', #published[uri].diagnostics))
  if settle > 0 then vim.wait(settle, function() return server_exit ~= nil end, 10) end
  local sent = published[uri]

  -- What Neovim stored and shows (signs, virtual text, open_float), back in LSP coordinates.
  local function utf16(lnum, col)
    local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
    if col > #line then col = #line end
    local _, u16 = vim.str_utfindex(line, col)
    return { line = lnum, character = u16 }
  end
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      code = d.code,
      range = { start = utf16(d.lnum, d.col), ['end'] = utf16(d.end_lnum or d.lnum, d.end_col or d.col) },
      message = d.message,
      severity = d.severity,
      source = d.source,
    })
  end
  local function key(r) return string.format('%09d:%09d-%09d:%09d', r.start.line, r.start.character, r['end'].line, r['end'].character) end
  table.sort(items, function(a, b) return key(a.range) < key(b.range) end)

  -- Cross-check against the server's last publish for the buffer.
  local expected = {}
  for _, d in ipairs(sent.diagnostics) do table.insert(expected, key(d.range) .. ' ' .. tostring(d.code) .. ' ' .. d.message) end
  local actual = {}
  for _, d in ipairs(items) do table.insert(actual, key(d.range) .. ' ' .. tostring(d.code) .. ' ' .. d.message) end
  table.sort(expected)
  table.sort(actual)
  if not vim.deep_equal(expected, actual) then
    fail(4, 'vim.diagnostic.get disagrees with the published diagnostics: ' .. vim.inspect({ published = expected, stored = actual }))
  end

  local float_out = os.getenv('SEGUR_NVIM_FLOAT_OUT')
  if float_out and float_out ~= '' and #items > 0 then
    vim.diagnostic.config({
      float = { source = 'always', format = function(d) return string.format('%s [%s]', d.message, d.code) end },
    })
    local first = vim.diagnostic.get(bufnr)[1]
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum < first.lnum or (d.lnum == first.lnum and d.col < first.col) then first = d end
    end
    vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
    local fbuf, fwin = vim.diagnostic.open_float()
    if not fbuf then fail(1, 'vim.diagnostic.open_float() opened nothing at the first diagnostic') end
    local lines = vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)
    local fd = io.open(float_out, 'w')
    if not fd then fail(1, 'cannot write ' .. float_out) end
    fd:write(table.concat(lines, '\n'), '\n')
    fd:close()
    log(string.format('float at %d:%d: %s', first.lnum, first.col, table.concat(lines, ' | ')))
    vim.api.nvim_win_close(fwin, true)
  end

  local json = #items == 0 and '[]' or vim.json.encode(items)
  local fd = io.open(out, 'w')
  if not fd then fail(1, 'cannot write ' .. out) end
  fd:write(json, '\n')
  fd:close()
  log(string.format('%d diagnostic(s) from %d publish(es) written to %s', #items, sent.count, out))
  for _, d in ipairs(items) do
    log(string.format('  %s %d:%d-%d:%d severity=%d source=%s %s', tostring(d.code), d.range.start.line, d.range.start.character,
      d.range['end'].line, d.range['end'].character, d.severity, tostring(d.source), d.message))
  end
end

local ok, err = xpcall(main, function(e)
  if getmetatable(e) == Fail then return e end
  return { code = 1, msg = debug.traceback(tostring(e), 2) }
end)

-- Stop the server cleanly (shutdown + exit) before quitting, whatever happened.
if client_id and vim.lsp.get_client_by_id(client_id) then
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
end
if ok then
  log('done')
  vim.cmd('qall!')
else
  io.stderr:write(string.format('\nsegur nvim check: %s\n', err.msg))
  vim.cmd('cquit ' .. err.code)
end
