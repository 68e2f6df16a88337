import { drawQr, type Doc } from './pdf-kit';
import { drawText, textHeight, textWidth } from './script-fonts';

export interface TextStyle {
  font?: 'regular' | 'bold';
  size?: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/**
 * A column of slip content written top to bottom. On a page of fixed height (A4) it turns the page
 * when the next block would not fit; on a thermal roll the page is as long as the content, so a
 * first pass measures (`bottom`) and the second draws on a page of exactly that height.
 */
export class Column {
  y: number;
  /** A measuring pass (a roll slip's height): blocks advance `y` as drawn, but nothing is drawn. */
  measuring = false;

  constructor(
    readonly doc: Doc,
    readonly x: number,
    readonly width: number,
    top: number,
    /** Lowest y content may reach before a new page; null on a roll. */
    private readonly pageBottom: number | null = null,
    private readonly newPageTop: number = top,
  ) {
    this.y = top;
  }

  private room(height: number): void {
    if (this.pageBottom !== null && this.y + height > this.pageBottom) {
      this.doc.addPage({ size: [this.doc.page.width, this.doc.page.height], margin: 0 });
      this.y = this.newPageTop;
    }
  }

  private style(s: TextStyle): number {
    const size = s.size ?? 8.5;
    this.doc.font(s.font ?? 'regular').fontSize(size).fillColor(s.color ?? '#000000');
    return size;
  }

  /** A block of text that wraps at the column's width, in any script (fonts chosen per character). */
  text(value: string, s: TextStyle = {}, gapAfter = 1.5): this {
    const o = { face: s.font ?? 'regular', size: this.style(s), width: this.width, align: s.align ?? 'left' } as const;
    let h: number;
    if (this.measuring || this.pageBottom !== null) {
      h = textHeight(this.doc, value, o);
      this.room(h);
      if (!this.measuring) drawText(this.doc, value, this.x, this.y, o);
    } else {
      // On a roll nothing turns the page: lay the text out once and read how far it went down.
      h = drawText(this.doc, value, this.x, this.y, o);
    }
    this.y += h + gapAfter;
    return this;
  }

  /** A label on the left and a value on the right of one line (the label wraps if long). */
  pair(label: string, value: string, s: TextStyle = {}, gapAfter = 1.5): this {
    const size = this.style(s);
    const face = s.font ?? 'regular';
    const valueWidth = Math.min(this.width * 0.45, textWidth(this.doc, value, face, size) + 2);
    const labelWidth = this.width - valueWidth - 4;
    const h = Math.max(textHeight(this.doc, label, { face, size, width: labelWidth }), textHeight(this.doc, value, { face, size, width: valueWidth }));
    this.room(h);
    if (!this.measuring) {
      drawText(this.doc, label, this.x, this.y, { face, size, width: labelWidth });
      drawText(this.doc, value, this.x + this.width - valueWidth, this.y, { face, size, width: valueWidth, align: 'right' });
    }
    this.y += h + gapAfter;
    return this;
  }

  /** A table row: the first cell on the left (a third of the width), the others right-aligned in equal columns. */
  row(cells: readonly string[], s: TextStyle = {}, gapAfter = 1.5): this {
    const size = this.style(s);
    const face = s.font ?? 'regular';
    const first = this.width / 3;
    const w = (this.width - first) / Math.max(1, cells.length - 1);
    const h = Math.max(...cells.map((c, i) => textHeight(this.doc, c, { face, size, width: i === 0 ? first : w })));
    this.room(h);
    if (!this.measuring) {
      cells.forEach((c, i) => {
        drawText(this.doc, c, i === 0 ? this.x : this.x + first + (i - 1) * w, this.y, { face, size, width: i === 0 ? first : w, align: i === 0 ? 'left' : 'right' });
      });
    }
    this.y += h + gapAfter;
    return this;
  }

  rule(dashed = false, gap = 4): this {
    this.room(gap * 2);
    this.y += gap;
    if (!this.measuring) {
      this.doc.save().lineWidth(0.6).strokeColor('#000000');
      if (dashed) this.doc.dash(2, { space: 2 });
      this.doc.moveTo(this.x, this.y).lineTo(this.x + this.width, this.y).stroke();
      this.doc.restore();
    }
    this.y += gap;
    return this;
  }

  space(h: number): this {
    this.y += h;
    return this;
  }

  qr(value: string, size: number): this {
    this.room(size);
    if (!this.measuring) drawQr(this.doc, value, this.x + (this.width - size) / 2, this.y, size);
    this.y += size;
    return this;
  }

  /** Two big labelled figures side by side, e.g. ROW D · SEAT 7. */
  figures(items: { label: string; value: string }[], valueSize: number): this {
    const w = this.width / items.length;
    const h = 8 + valueSize * 1.2;
    this.room(h);
    if (this.measuring) {
      this.y += h;
      return this;
    }
    items.forEach((item, i) => {
      const x = this.x + i * w;
      this.doc.font('regular').fontSize(7).fillColor('#000000').text(item.label.toUpperCase(), x, this.y, { width: w, align: 'center', lineGap: 0 });
      this.doc.font('bold').fontSize(valueSize).text(item.value, x, this.y + 8, { width: w, align: 'center', lineGap: 0 });
    });
    this.y += h;
    return this;
  }
}
