// Which way `npm start` runs the box office, decided from plain facts so it can be tested without
// Electron: the desktop app when there is a display and an Electron binary, the same app in the
// browser (over the loopback bridge) otherwise — with one line saying why.

/** True when a window can be shown: always on Windows and macOS, on Linux when X11 or Wayland is set. */
export function hasDisplay(platform, env) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * @param {{ display: boolean, forceBrowser: boolean, electron: () => { ok: true } | { ok: false, why: string } }} facts
 *   `electron` is only asked when the desktop app is possible at all (it may download the binary).
 * @returns {{ mode: 'electron' } | { mode: 'browser', why: string, openBrowser: boolean }}
 */
export function chooseStartMode(facts) {
  if (facts.forceBrowser) return { mode: 'browser', why: 'started with --browser', openBrowser: facts.display };
  if (!facts.display) {
    return { mode: 'browser', why: 'no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no desktop window can open', openBrowser: false };
  }
  const electron = facts.electron();
  if (!electron.ok) return { mode: 'browser', why: electron.why, openBrowser: true };
  return { mode: 'electron' };
}

/** The command that opens a URL in the system's browser, or null where there is none to ask. */
export function openUrlCommand(platform, url) {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}
