import CodepageEncoder from '@point-of-sale/codepage-encoder';

/**
 * Reads ESC/POS bytes back into commands, as a TM-class printer would take them, so tests can
 * check what a printer received: text (in the code page selected with ESC t), cuts, drawer
 * pulses, QR store/print, status queries. An unknown command fails the decode.
 */
export type EscPosCommand =
  | { cmd: 'init' }
  | { cmd: 'codepage'; n: number; name: string }
  | { cmd: 'text'; text: string }
  | { cmd: 'newline' }
  | { cmd: 'cut'; partial: boolean }
  | { cmd: 'pulse'; pin: number; onMs: number; offMs: number }
  | { cmd: 'qr'; fn: string; data?: string; value?: number }
  | { cmd: 'status'; n: number }
  | { cmd: 'style'; what: string; value: number };

/** Epson's ESC t numbers (TM-T88 class), as the encoder's 'epson' mapping has them. */
const EPSON_CODEPAGES: Record<number, string> = {
  0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 11: 'cp851', 12: 'cp853', 13: 'cp857', 14: 'cp737', 15: 'iso8859-7', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858',
  33: 'cp775', 34: 'cp855', 35: 'cp861', 36: 'cp862', 37: 'cp864', 38: 'cp869', 40: 'iso8859-15', 45: 'windows1250', 46: 'windows1251', 47: 'windows1253', 48: 'windows1254', 49: 'windows1255', 50: 'windows1256', 51: 'windows1257', 52: 'windows1258',
};

const ONE_ARG_ESC: Record<number, string> = { 0x21: 'mode', 0x2d: 'underline', 0x45: 'bold', 0x47: 'double-strike', 0x4d: 'font', 0x61: 'align', 0x64: 'feed-lines', 0x4a: 'feed-dots', 0x33: 'line-spacing', 0x7b: 'upside-down', 0x72: 'colour', 0x56: 'rotate' };
const ONE_ARG_GS: Record<number, string> = { 0x21: 'size', 0x42: 'invert', 0x68: 'barcode-height', 0x77: 'barcode-width', 0x48: 'barcode-text' };

export function decodeEscPos(bytes: Uint8Array): EscPosCommand[] {
  const out: EscPosCommand[] = [];
  let codepoints = CodepageEncoder.getEncoding('cp437').codepoints;
  let text = '';
  const flush = () => {
    if (text) out.push({ cmd: 'text', text });
    text = '';
  };
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new Error(`command at byte ${i} is cut short`);
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      flush();
      need(2);
      const c = bytes[i + 1]!;
      if (c === 0x40) {
        out.push({ cmd: 'init' });
        i += 2;
      } else if (c === 0x74) {
        need(3);
        const n = bytes[i + 2]!;
        const name = EPSON_CODEPAGES[n];
        if (!name) throw new Error(`ESC t ${n}: a code page this decoder does not know`);
        codepoints = CodepageEncoder.getEncoding(name as 'cp437').codepoints;
        out.push({ cmd: 'codepage', n, name });
        i += 3;
      } else if (c === 0x70) {
        need(5);
        out.push({ cmd: 'pulse', pin: bytes[i + 2]! & 1 ? 5 : 2, onMs: bytes[i + 3]! * 2, offMs: bytes[i + 4]! * 2 });
        i += 5;
      } else if (c === 0x32) i += 2;
      else if (ONE_ARG_ESC[c]) {
        need(3);
        out.push({ cmd: 'style', what: ONE_ARG_ESC[c]!, value: bytes[i + 2]! });
        i += 3;
      } else throw new Error(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x1d) {
      flush();
      need(2);
      const c = bytes[i + 1]!;
      if (c === 0x56) {
        need(3);
        const m = bytes[i + 2]!;
        out.push({ cmd: 'cut', partial: m === 1 || m === 49 || m === 66 });
        i += m >= 65 ? 4 : 3;
      } else if (c === 0x28 && bytes[i + 2] === 0x6b) {
        need(5);
        const len = bytes[i + 3]! + bytes[i + 4]! * 256;
        need(5 + len);
        const body = bytes.subarray(i + 5, i + 5 + len);
        const fn = String.fromCharCode(body[1]!);
        const names: Record<string, string> = { A: 'model', C: 'size', E: 'errorlevel', P: 'store', Q: 'print' };
        if (body[0] !== 49) throw new Error(`GS ( k for symbol ${body[0]} (only QR is expected) at byte ${i}`);
        if (fn === 'P') out.push({ cmd: 'qr', fn: 'store', data: Buffer.from(body.subarray(3)).toString('latin1') });
        else out.push({ cmd: 'qr', fn: names[fn] ?? fn, value: body[2] });
        i += 5 + len;
      } else if (ONE_ARG_GS[c]) {
        need(3);
        out.push({ cmd: 'style', what: ONE_ARG_GS[c]!, value: bytes[i + 2]! });
        i += 3;
      } else throw new Error(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x1c) {
      flush();
      need(2);
      if (bytes[i + 1] === 0x2e) i += 2;
      else throw new Error(`unknown command FS 0x${bytes[i + 1]!.toString(16)} at byte ${i}`);
    } else if (b === 0x10) {
      flush();
      need(3);
      if (bytes[i + 1] !== 0x04) throw new Error(`unknown command DLE 0x${bytes[i + 1]!.toString(16)} at byte ${i}`);
      out.push({ cmd: 'status', n: bytes[i + 2]! });
      i += 3;
    } else if (b === 0x0a) {
      flush();
      out.push({ cmd: 'newline' });
      i += 1;
    } else if (b === 0x0d) i += 1;
    else if (b < 0x20) throw new Error(`unknown control byte 0x${b.toString(16)} at byte ${i}`);
    else {
      text += String.fromCodePoint(codepoints[b]!);
      i += 1;
    }
  }
  flush();
  return out;
}

/** The printed text, one string per line (newlines between text runs). */
export function printedLines(commands: readonly EscPosCommand[]): string[] {
  const lines: string[] = [''];
  for (const c of commands) {
    if (c.cmd === 'text') lines[lines.length - 1] += c.text;
    else if (c.cmd === 'newline') lines.push('');
  }
  return lines.map((l) => l.trim()).filter(Boolean);
}
