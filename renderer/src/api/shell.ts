/**
 * The shell host: native dialogs and recent files in Electron; in a browser the screens show
 * a path box instead (`native` is false and the pickers return null).
 */

/** A file-type filter for the open dialog. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the Electron preload exposes as `window.workbench.shell`. */
export interface ShellBridge {
  openFile(opts: { title?: string; filters?: FileFilter[] }): Promise<string | null>;
  openDirectory(opts: { title?: string }): Promise<string | null>;
  saveFile(opts: { title?: string; defaultPath?: string; filters?: FileFilter[] }): Promise<string | null>;
  recentWorkspaces(): Promise<string[]>;
  pathForFile(file: File): string;
}

export interface Shell {
  /** True when native dialogs exist (Electron). */
  native: boolean;
  openFile(opts: { title?: string; filters?: FileFilter[] }): Promise<string | null>;
  openDirectory(opts: { title?: string }): Promise<string | null>;
  saveFile(opts: { title?: string; defaultPath?: string; filters?: FileFilter[] }): Promise<string | null>;
  recentWorkspaces(): Promise<string[]>;
  /** The filesystem path of a dropped file, when the host can tell. */
  pathForFile(file: File): string | null;
}

/** Wraps the bridge, or a browser stand-in when there is none. */
export function createShell(bridge: ShellBridge | undefined): Shell {
  if (!bridge) {
    return {
      native: false,
      openFile: async () => null,
      openDirectory: async () => null,
      saveFile: async () => null,
      recentWorkspaces: async () => [],
      pathForFile: () => null,
    };
  }
  return {
    native: true,
    openFile: (o) => bridge.openFile(o),
    openDirectory: (o) => bridge.openDirectory(o),
    saveFile: (o) => bridge.saveFile(o),
    recentWorkspaces: () => bridge.recentWorkspaces(),
    pathForFile: (f) => {
      try {
        return bridge.pathForFile(f) || null;
      } catch {
        return null;
      }
    },
  };
}

/** Filters of the open dialogs. */
export const FILTERS = {
  model: [{ name: 'ONNX models', extensions: ['onnx'] }],
  dataset: [{ name: 'Datasets', extensions: ['parquet', 'csv', 'arrow', 'arrows', 'feather'] }],
  workspace: [{ name: 'Shadowbench workspaces', extensions: ['sbw', 'duckdb', 'db'] }],
  criteria: [{ name: 'Criteria', extensions: ['yaml', 'yml', 'json'] }],
  key: [{ name: 'PEM keys', extensions: ['pem', 'key'] }],
} satisfies Record<string, FileFilter[]>;
