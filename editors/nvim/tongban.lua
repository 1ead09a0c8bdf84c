-- tongban's language server in Neovim 0.7 or later (Debian 12's 0.7.2 included) with the
-- built-in client, no plugin manager and no nvim-lspconfig: copy this file to
-- ~/.config/nvim/plugin/tongban.lua. Every YAML buffer is attached to one `tongban server` per
-- root (the folder with tongban.toml, else the git checkout, else the file's folder).
-- Options, set before it loads (e.g. in init.lua):
--   vim.g.tongban_cmd = { "/opt/tongban/tongban", "server" }        -- default: tongban on PATH
--   vim.g.tongban_init_options = { lang = "en", rulesUrl = "https://…/rules.md" }
-- tests/it/editors.rs runs this file in Debian's Neovim and checks the diagnostics arrive.
local cmd = vim.g.tongban_cmd or { "tongban", "server" }
local init_options = vim.g.tongban_init_options or vim.empty_dict()
local clients = {} -- root folder -> client id

local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  local marker = vim.fn.findfile("tongban.toml", dir .. ";")
  if marker ~= "" then
    return vim.fn.fnamemodify(marker, ":p:h")
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return dir
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    if file == "" then
      return
    end
    local root = root_of(file)
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = "tongban",
        cmd = cmd,
        root_dir = root,
        init_options = init_options,
      })
      clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
