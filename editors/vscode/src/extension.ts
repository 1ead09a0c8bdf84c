// The VS Code side: reads the settings, starts `tongban server` with vscode-languageclient, and
// restarts it when a tongban setting changes. What to start and with which options is
// src/server.ts (tested from Node against the real server).
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { documentSelector, findTongban, initializationOptions, serverCommand, Settings } from "./server";

let client: LanguageClient | undefined;

function settings(): Settings {
  const c = vscode.workspace.getConfiguration("tongban");
  return {
    path: c.get<string>("path", ""),
    lang: c.get<string>("lang", "auto"),
    rulesUrl: c.get<string>("rulesUrl", ""),
  };
}

async function start(): Promise<void> {
  const s = settings();
  const found = findTongban(s);
  if ("error" in found) {
    void vscode.window.showErrorMessage(found.error);
    return;
  }
  const run = serverCommand(found.command);
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: initializationOptions(s),
    outputChannelName: "tongban",
  };
  client = new LanguageClient("tongban", "tongban", serverOptions, clientOptions);
  await client.start();
}

async function restart(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined) {
    await old.stop();
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("tongban.restartServer", () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration("tongban.path") ||
        e.affectsConfiguration("tongban.lang") ||
        e.affectsConfiguration("tongban.rulesUrl")
      ) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
