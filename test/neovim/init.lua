-- Headless Neovim (0.7 API: vim.lsp.start_client + vim.lsp.buf_attach_client; vim.lsp.start is 0.8+) as an
-- LSP client of `increport lsp --stdio`: opens a report, waits for the diagnostics, asks for completion after
-- T15 and for a hover on a technique, applies a quick fix, and writes what it saw as JSON for
-- test/neovim/neovim.test.ts. Everything goes through Neovim's built-in LSP client.
local env = vim.env
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }

local function lsp_codes(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, { code = d.code or lsp.code, lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
  end
  table.sort(out, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and tostring(a.code) < tostring(b.code))
  end)
  return out
end

local function has_code(buf, code)
  for _, d in ipairs(lsp_codes(vim.diagnostic.get(buf))) do
    if d.code == code then return true end
  end
  return false
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'increport',
    cmd = { env.INCREPORT_TEST_NODE, env.INCREPORT_TEST_BIN, 'lsp', '--stdio' },
    cmd_env = { INCREPORT_NOW = env.INCREPORT_NOW },
    root_dir = env.INCREPORT_TEST_ROOT,
    init_options = { settings = {} },
    flags = { debounce_text_changes = 0 },
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  vim.cmd('edit ' .. vim.fn.fnameescape(env.INCREPORT_TEST_REPORT))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(buf)

  -- 1. Diagnostics, as vim.diagnostic has them.
  assert(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics within 20 s')
  result.diagnostics = lsp_codes(vim.diagnostic.get(buf))

  -- 2. Completion after "T15" on the Persistence row.
  local persistence = vim.fn.search('^- \\*\\*Persistence:\\*\\*', 'nw') - 1
  local typed = '- **Persistence:** T15'
  vim.api.nvim_buf_set_lines(buf, persistence, persistence + 1, false, { typed })
  local completion = client.request_sync('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = persistence, character = #typed },
    context = { triggerKind = 1 },
  }, 10000, buf)
  local items = completion and completion.result and (completion.result.items or completion.result) or {}
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_lines(buf, persistence, persistence + 1, false, { '- **Persistence:** N/A' })

  -- 3. Hover on the technique of the Initial Access row.
  local initial = vim.fn.search('^- \\*\\*Initial Access:\\*\\*', 'nw') - 1
  local line = vim.api.nvim_buf_get_lines(buf, initial, initial + 1, false)[1]
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = initial, character = (line:find('T1566', 1, true) or 1) + 1 },
  }, 10000, buf)
  local contents = hover and hover.result and hover.result.contents or {}
  result.hover = type(contents) == 'string' and contents or contents.value

  -- 4. The quick fix of the wrong technique name, applied with vim.lsp.util.apply_workspace_edit.
  assert(vim.wait(10000, function() return has_code(buf, 'attack-technique-name') end, 50), 'no attack-technique-name diagnostic')
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp
    if lsp and lsp.code == 'attack-technique-name' then
      -- 0.7 keeps only some LSP fields in user_data.lsp (no range): rebuild the rest from the vim.diagnostic.
      target = vim.tbl_extend('keep', lsp, {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity,
        message = d.message,
        source = d.source,
      })
    end
  end
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target } },
  }, 10000, buf)
  result.actions = {}
  local chosen
  for _, action in ipairs(actions and actions.result or {}) do
    table.insert(result.actions, action.title)
    if not chosen and action.edit and action.title:find('Spearphishing Link', 1, true) then chosen = action end
  end
  assert(chosen, 'no quick fix naming Spearphishing Link among: ' .. vim.inspect(actions))
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  result.fixed_line = vim.api.nvim_buf_get_lines(buf, initial, initial + 1, false)[1]
  result.fix_cleared = vim.wait(10000, function() return not has_code(buf, 'attack-technique-name') end, 50)
  result.diagnostics_after = lsp_codes(vim.diagnostic.get(buf))
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then result.error = tostring(err) end
    vim.fn.writefile({ vim.fn.json_encode(result) }, env.INCREPORT_TEST_RESULT)
    vim.cmd('qall!')
  end,
})
