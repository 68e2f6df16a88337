export type ElectronCheck = { ok: true } | { ok: false; why: string };
export type StartMode = { mode: 'electron' } | { mode: 'browser'; why: string; openBrowser: boolean };
export function hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
export function chooseStartMode(facts: { display: boolean; forceBrowser: boolean; electron: () => ElectronCheck }): StartMode;
export function openUrlCommand(platform: string, url: string): { command: string; args: string[] };
