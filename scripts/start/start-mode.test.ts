import { describe, expect, it } from 'vitest';
import { chooseStartMode, hasDisplay, openUrlCommand } from './start-mode.mjs';

describe('npm start: desktop app or browser', () => {
  it('knows when a window can open', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
  });

  it('runs the desktop app when there is a display and an Electron binary', () => {
    expect(chooseStartMode({ display: true, forceBrowser: false, electron: () => ({ ok: true }) })).toEqual({ mode: 'electron' });
  });

  it('falls back to the browser with the reason, and never downloads Electron without a display', () => {
    let asked = false;
    const headless = chooseStartMode({ display: false, forceBrowser: false, electron: () => ((asked = true), { ok: true }) });
    expect(headless).toMatchObject({ mode: 'browser', openBrowser: false });
    expect(headless.mode === 'browser' && headless.why).toMatch(/no display/);
    expect(asked).toBe(false);

    const offline = chooseStartMode({ display: true, forceBrowser: false, electron: () => ({ ok: false, why: 'the Electron binary could not be downloaded' }) });
    expect(offline).toEqual({ mode: 'browser', why: 'the Electron binary could not be downloaded', openBrowser: true });
  });

  it('opens the system browser with the platform own command', () => {
    expect(openUrlCommand('linux', 'http://127.0.0.1:5174/')).toEqual({ command: 'xdg-open', args: ['http://127.0.0.1:5174/'] });
    expect(openUrlCommand('darwin', 'http://x/').command).toBe('open');
    expect(openUrlCommand('win32', 'http://x/').command).toBe('cmd');
  });
});
