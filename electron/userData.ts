import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Window bounds and whether it was maximised, restored at the next launch. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** What the desktop app keeps in userData/shadowbench.json. */
export interface DesktopPrefs {
  recentWorkspaces: string[];
  window: WindowState;
}

const DEFAULTS: DesktopPrefs = { recentWorkspaces: [], window: { width: 1440, height: 900 } };

/** Reads and writes the prefs file atomically; a missing or corrupt file gives the defaults. */
export class PrefsFile {
  private readonly file: string;
  private data: DesktopPrefs;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'shadowbench.json');
    this.data = PrefsFile.read(this.file);
  }

  private static read(file: string): DesktopPrefs {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopPrefs>;
      const recent = Array.isArray(raw.recentWorkspaces) ? raw.recentWorkspaces.filter((p): p is string => typeof p === 'string') : [];
      const w = raw.window;
      const win = w && Number.isFinite(w.width) && Number.isFinite(w.height) ? { ...DEFAULTS.window, ...w } : DEFAULTS.window;
      return { recentWorkspaces: recent.slice(0, 10), window: win };
    } catch {
      return structuredClone(DEFAULTS);
    }
  }

  get(): DesktopPrefs {
    return this.data;
  }

  /** Puts a workspace first in the recent list (10 kept). */
  addRecent(path: string): void {
    this.data.recentWorkspaces = [path, ...this.data.recentWorkspaces.filter((p) => p !== path)].slice(0, 10);
    this.save();
  }

  setWindow(state: WindowState): void {
    this.data.window = state;
    this.save();
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.data, null, 2));
      renameSync(tmp, this.file);
    } catch {
      /* prefs are a convenience; never fail the app over them */
    }
  }
}
