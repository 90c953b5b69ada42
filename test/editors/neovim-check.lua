-- Driven by test/editors/neovim.test.ts: Neovim (headless) opened a .pisub file with the
-- configuration of docs/editors.md. Waits for the server's diagnostics, then asks for a hover,
-- formatting and the quick fixes of the SAFER Guide diagnostic, applies them, and writes what
-- arrived as JSON to $PISUB_NVIM_OUT. Every wait is bounded; any error is written out too.
local out = { errors = {} }
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local function lsp_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
end

local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, 30000)
  if not responses then
    table.insert(out.errors, method .. ': ' .. tostring(err))
    return nil
  end
  for _, r in pairs(responses) do
    if r.error then table.insert(out.errors, method .. ': ' .. vim.inspect(r.error)) end
    if r.result then return r.result end
  end
  return nil
end

local ok, failure = pcall(function()
  out.filetype = vim.bo[buf].filetype
  vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if lsp_code(d) == 'attestation/safer-not-yes' then return true end
    end
    return false
  end, 100)
  out.clients = 0
  for _ in pairs(vim.lsp.buf_get_clients(buf)) do out.clients = out.clients + 1 end
  out.codes = {}
  local safer
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.codes, lsp_code(d))
    if lsp_code(d) == 'attestation/safer-not-yes' then safer = d end
  end

  -- Hover on the measure name of the SAFER line.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:find('safer%-guide')
    if col then
      local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = i - 1, character = col } })
      out.hover = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or nil
      break
    end
  end

  -- Quick fixes of the SAFER diagnostic, the first one applied.
  if safer then
    local diagnostic = {
      range = { start = { line = safer.lnum, character = safer.col }, ['end'] = { line = safer.end_lnum, character = safer.end_col } },
      message = safer.message, severity = safer.severity, code = lsp_code(safer),
      data = safer.user_data and safer.user_data.lsp and safer.user_data.lsp.data or nil,
    }
    local actions = request('textDocument/codeAction', {
      textDocument = { uri = uri }, range = diagnostic.range, context = { diagnostics = { diagnostic } },
    }) or {}
    out.actions = {}
    for _, a in ipairs(actions) do table.insert(out.actions, a.title) end
    if actions[1] and actions[1].edit then
      vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
      out.after_fix = vim.api.nvim_buf_get_lines(buf, safer.lnum, safer.lnum + 1, false)[1]
    end
  end

  -- Formatting, applied.
  local edits = request('textDocument/formatting', { textDocument = { uri = uri }, options = { tabSize = 4, insertSpaces = true } })
  out.format_edits = edits and #edits or 0
  if edits then vim.lsp.util.apply_text_edits(edits, buf, 'utf-16') end
  out.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end)
if not ok then table.insert(out.errors, tostring(failure)) end
out.version = vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('PISUB_NVIM_OUT'))
vim.cmd('qa!')
