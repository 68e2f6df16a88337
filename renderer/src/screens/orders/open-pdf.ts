import type { OrderPdf } from '../../../../shared/contract';

/**
 * Hands a PDF that came base64-encoded in a call's result to the browser: saved under its own
 * name through a download link (in Electron the main process turns that into a save dialog).
 */
export function savePdf(pdf: OrderPdf): void {
  const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: pdf.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = pdf.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
