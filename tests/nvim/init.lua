-- Headless Neovim (0.7+) with its built-in LSP client and nothing else: starts `tongban server`
-- ($TONGBAN), attaches it to the file given on the command line, waits for its diagnostics and
-- writes them to $TONGBAN_OUT, one per line: `line:col code message` (0-based, as Neovim keeps
-- them). Used by tests/it/server.rs; exits 1 when no diagnostic arrives in 20 seconds.
local out = os.getenv("TONGBAN_OUT")
local bin = os.getenv("TONGBAN") or "tongban"

local function finish(code)
  vim.schedule(function() vim.cmd(code == 0 and "qall!" or "cquit!") end)
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    local file = vim.api.nvim_buf_get_name(buf)
    local client = vim.lsp.start_client({
      name = "tongban",
      cmd = { bin, "server" },
      root_dir = vim.fn.fnamemodify(file, ":p:h"),
    })
    if not client then
      finish(1)
      return
    end
    vim.lsp.buf_attach_client(buf, client)
    local ok = vim.wait(20000, function()
      return #vim.diagnostic.get(buf) > 0
    end, 50)
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
      table.insert(lines, string.format("%d:%d %s %s", d.lnum, d.col, code, d.message:gsub("\n", " ")))
    end
    table.sort(lines)
    local f = io.open(out, "w")
    f:write(table.concat(lines, "\n"), "\n")
    f:close()
    vim.lsp.stop_client(client)
    finish(ok and 0 or 1)
  end,
})
