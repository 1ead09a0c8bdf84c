// The extension's client logic (out/server.js, compiled from src/server.ts) against a real
// `tongban server`, from Node: find the program, start it as the extension does, initialize with
// the extension's options over the same JSON-RPC library vscode-languageclient uses, open a guide
// and receive its diagnostics. VS Code itself cannot be downloaded here, so extension.ts's few
// `vscode` calls are not run; everything it hands to vscode-languageclient is.
//
// The program: TONGBAN (a path, e.g. ../../target/debug/tongban), else `tongban` on PATH.
// Without either the integration tests skip, except under CI, where they fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const ext = require("../out/server.js");
const rpc = require("vscode-languageserver-protocol/node");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const ci = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

function program() {
  const found = ext.findTongban({ path: process.env.TONGBAN ?? "" });
  if ("error" in found) {
    assert.ok(!ci, `CI is set but no tongban: ${found.error}`);
    return undefined;
  }
  return found.command;
}

/** Starts the server as the extension would, initializes it; returns the connection. */
async function startSession(command, settings, root) {
  const { command: cmd, args } = ext.serverCommand(command);
  const env = { ...process.env };
  delete env.LANG;
  delete env.LC_ALL;
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"], env });
  const conn = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "catalog" }],
    capabilities: {},
    initializationOptions: ext.initializationOptions(settings),
  });
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  const diagnosticsOf = async (uri) => {
    const deadline = Date.now() + 20000;
    while (!diagnostics.has(uri)) {
      assert.ok(Date.now() < deadline, `no diagnostics for ${uri} within 20 s`);
      await new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
    return diagnostics.get(uri);
  };
  const stop = async () => {
    await conn.sendRequest(rpc.ShutdownRequest.type);
    await conn.sendNotification(rpc.ExitNotification.type);
    const code = await new Promise((resolve) => child.on("exit", resolve));
    conn.dispose();
    return code;
  };
  return { conn, init, diagnosticsOf, stop };
}

function openGuide(conn, file) {
  const uri = pathToFileURL(file).href;
  return conn
    .sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text: fs.readFileSync(file, "utf8") },
    })
    .then(() => uri);
}

function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-vscode-"));
  const guide = path.join(dir, "broken-guide.yaml");
  fs.copyFileSync(path.join(repo, "tests/fixtures/lint/broken-guide.yaml"), guide);
  return { dir, guide };
}

test("findTongban: a configured path that is no file is an error naming the setting", () => {
  const r = ext.findTongban({ path: "/nonexistent/tongban" }, { PATH: "" }, "linux");
  assert.match(r.error, /tongban\.path is set to "\/nonexistent\/tongban"/);
});

test("findTongban: PATH is searched in order; nothing found names both ways out", () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-path-a-"));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-path-b-"));
  fs.writeFileSync(path.join(b, "tongban"), "");
  const env = { PATH: [a, b].join(path.delimiter) };
  assert.deepEqual(ext.findTongban({ path: "" }, env, "linux"), { command: path.join(b, "tongban") });
  const none = ext.findTongban({ path: "" }, { PATH: a }, "linux");
  assert.match(none.error, /not found on PATH/);
  assert.match(none.error, /tongban\.path/);
});

test("findTongban: on Windows, PATHEXT endings (tongban.exe)", () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-win-"));
  fs.writeFileSync(path.join(a, "tongban.exe"), "");
  const r = ext.findTongban({ path: "" }, { Path: a, PATHEXT: ".COM;.EXE" }, "win32");
  assert.equal(r.command, path.join(a, "tongban.exe"));
});

test("initializationOptions: lang only when zh or en, rulesUrl only when set", () => {
  assert.deepEqual(ext.initializationOptions({ lang: "auto", rulesUrl: "" }), {});
  assert.deepEqual(ext.initializationOptions({ lang: "en", rulesUrl: " https://x.invalid/r.md " }), {
    lang: "en",
    rulesUrl: "https://x.invalid/r.md",
  });
  assert.deepEqual(ext.serverCommand("/opt/tongban"), { command: "/opt/tongban", args: ["server"] });
});

test("tongban server: a guide opened with lang=en gets located English diagnostics linking to rulesUrl", async (t) => {
  const command = program();
  if (command === undefined) return t.skip("no tongban (set TONGBAN or put it on PATH)");
  const { dir, guide } = scratch();
  const s = await startSession(command, { lang: "en", rulesUrl: "https://intranet.invalid/rules.md" }, dir);
  assert.equal(s.init.capabilities.hoverProvider, true);
  const uri = await openGuide(s.conn, guide);
  const d = await s.diagnosticsOf(uri);
  const codes = d.diagnostics.map((x) => x.code);
  for (const code of ["TB102", "TB104"]) assert.ok(codes.includes(code), `${code} in ${codes}`);
  const tb104 = d.diagnostics.find((x) => x.code === "TB104");
  // `  type: 行政许诺` is line 3 (0-based); the value starts at character 8.
  assert.deepEqual(tb104.range.start, { line: 3, character: 8 });
  assert.equal(tb104.source, "tongban");
  assert.match(tb104.message, /not one of the allowed values|allowed/i);
  assert.match(tb104.codeDescription.href, /^https:\/\/intranet\.invalid\/rules\.md#tb104-/);
  assert.equal(await s.stop(), 0);
});

test("tongban server: lang=zh (and auto without LANG) gives Chinese messages", async (t) => {
  const command = program();
  if (command === undefined) return t.skip("no tongban (set TONGBAN or put it on PATH)");
  for (const lang of ["zh", "auto"]) {
    const { dir, guide } = scratch();
    const s = await startSession(command, { lang, rulesUrl: "" }, dir);
    const d = await s.diagnosticsOf(await openGuide(s.conn, guide));
    const tb102 = d.diagnostics.find((x) => x.code === "TB102");
    assert.ok(tb102, JSON.stringify(d.diagnostics));
    assert.match(tb102.message, /未知要素/, `${lang}: ${tb102.message}`);
    assert.equal(await s.stop(), 0);
  }
});
