/**
 * Hands a file that came base64-encoded in a call's result to the browser: a PDF opened in a new
 * tab (where it can be printed), or saved under its own name through a download link (in Electron
 * the main process turns that into a save dialog).
 */
export function deliverFile(file: { fileName: string; mimeType: string; base64: string }, mode: 'open' | 'save'): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  if (mode === 'open') {
    window.open(url, '_blank', 'noopener');
  } else {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
