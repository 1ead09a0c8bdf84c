-- Headless Neovim (0.7+) running editors/nvim/tongban.lua (the file the editor doc tells users
-- to copy into ~/.config/nvim/plugin/) as a user's config would: opens each guide in
-- $TONGBAN_GUIDES (newline-separated) with filetype detection on, waits for its diagnostics, and
-- writes `file line:col code message` lines, then `client NAME ROOT` per running client, to
-- $TONGBAN_OUT. Used by tests/it/editors.rs.
vim.g.tongban_cmd = { os.getenv("TONGBAN"), "server" }
vim.g.tongban_init_options = { lang = "en" }
dofile(os.getenv("TONGBAN_PLUGIN"))
vim.cmd("filetype on")

vim.api.nvim_create_autocmd("VimEnter", {
  nested = true, -- so that :edit below runs the FileType autocommands
  callback = function()
    local out = {}
    for _, guide in ipairs(vim.split(os.getenv("TONGBAN_GUIDES"), "\n")) do
      vim.cmd("edit " .. vim.fn.fnameescape(guide))
      local buf = vim.api.nvim_get_current_buf()
      vim.wait(20000, function()
        return #vim.diagnostic.get(buf) > 0
      end, 50)
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
        local message = d.message:gsub("\n", " ")
        table.insert(out, string.format("%s %d:%d %s %s", vim.fn.fnamemodify(guide, ":t"), d.lnum, d.col, code, message))
      end
    end
    local clients = {}
    for _, c in pairs(vim.lsp.get_active_clients()) do
      table.insert(clients, "client " .. c.name .. " " .. c.config.root_dir)
    end
    table.sort(clients)
    vim.list_extend(out, clients)
    local f = io.open(os.getenv("TONGBAN_OUT"), "w")
    f:write(table.concat(out, "\n"), "\n")
    f:close()
    vim.schedule(function()
      vim.cmd("qall!")
    end)
  end,
})
