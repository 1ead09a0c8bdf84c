// How the extension starts `tongban server` and what it tells it: no `vscode` import here, so the
// Node test (test/client.test.mjs) runs exactly this logic against a real `tongban server`.
import * as fs from "fs";
import * as path from "path";

/** The extension's settings (`tongban.*`). */
export interface Settings {
  /** Full path of the program; empty: `tongban` on PATH. */
  path: string;
  /** "auto", "zh" or "en". */
  lang: string;
  /** Where finding codes link to; empty: the checkout's docs/rules.md. */
  rulesUrl: string;
}

/** The program found, or why there is none (shown to the user as is). */
export type Found = { command: string } | { error: string };

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The `tongban` program: the configured path if set (it must exist), else the first `tongban`
 * (`tongban.exe` on Windows, any PATHEXT ending) on PATH.
 */
export function findTongban(
  settings: Pick<Settings, "path">,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Found {
  const configured = settings.path.trim();
  if (configured !== "") {
    return isFile(configured)
      ? { command: configured }
      : { error: `tongban.path is set to "${configured}", which is not a file.` };
  }
  const windows = platform === "win32";
  const exts = windows ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter((e) => e !== "") : [""];
  const dirs = (env.PATH ?? env.Path ?? "").split(windows ? ";" : path.delimiter).filter((d) => d !== "");
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, "tongban" + ext.toLowerCase());
      if (isFile(candidate)) {
        return { command: candidate };
      }
    }
  }
  return {
    error:
      "tongban was not found on PATH. Install it (pip install ./tongban-*.whl, or put the " +
      "downloaded binary on PATH) or set tongban.path to the program's full path.",
  };
}

/** The command line of the server. */
export function serverCommand(command: string): { command: string; args: string[] } {
  return { command, args: ["server"] };
}

/** The `initializationOptions` the server reads: `lang` and `rulesUrl`, each only when set. */
export function initializationOptions(settings: Pick<Settings, "lang" | "rulesUrl">): {
  lang?: string;
  rulesUrl?: string;
} {
  const options: { lang?: string; rulesUrl?: string } = {};
  if (settings.lang === "zh" || settings.lang === "en") {
    options.lang = settings.lang;
  }
  if (settings.rulesUrl.trim() !== "") {
    options.rulesUrl = settings.rulesUrl.trim();
  }
  return options;
}

/** The documents the client sends to the server: YAML files on disk and unsaved YAML buffers. */
export const documentSelector = [
  { scheme: "file", language: "yaml" },
  { scheme: "untitled", language: "yaml" },
];
