-- tongban's language server for Neovim 0.11 or later (`vim.lsp.config`): copy this file to
-- ~/.config/nvim/lsp/tongban.lua and add `vim.lsp.enable("tongban")` to init.lua. The same file
-- works in nvim-lspconfig's lsp/ folder.
return {
  cmd = { "tongban", "server" },
  filetypes = { "yaml" },
  root_markers = { "tongban.toml", ".git" },
  -- init_options = { lang = "en", rulesUrl = "https://…/rules.md" },
}
