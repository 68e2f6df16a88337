/**
 * The page's one Content-Security-Policy, sent by Electron's app:// handler and by the loopback
 * bridge, and written into the built index.html. Only our own bundle runs and only our own files
 * load. No 'unsafe-inline' for styles: the renderer has no <style> elements or style="…"
 * attributes, and React's `style={…}` props are set through the CSSOM (element.style), which a
 * CSP does not govern — tests/e2e/csp.test.ts checks that an inline style is refused while the
 * screens still draw.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As a response header. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** As a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
