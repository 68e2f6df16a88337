import { describe, expect, it } from 'vitest';
import { Column } from './column';
import { MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Doc } from './pdf-kit';
import { pdfQrCodes, pdfText } from './testing/read-pdf';

const LONG = 'Die unendliche Geschichte — Extended Director’s Cut with a very long subtitle that wraps over several lines on an 80 mm roll';

function layout(col: Column): void {
  col.text('Kino am Markt', { font: 'bold', size: 10, align: 'center' });
  col.rule(false);
  col.text(LONG, { font: 'bold', size: 14, align: 'center' }, 2);
  col.figures(
    [
      { label: 'Row', value: 'M' },
      { label: 'Seat', value: '17' },
    ],
    20,
  );
  col.rule(true);
  col.pair('Adult ticket with a label long enough to wrap onto a second line', '€12.50', { font: 'bold', size: 10 });
  col.qr('BO1.test-payload', 40 * MM);
  col.text('Grüße · £ · € · Ж', { size: 7, align: 'center' }, 0);
}

const roll = (doc: Doc) => new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);

describe('Column on a roll', () => {
  it('measures exactly the height it then draws (a roll page is as long as its content)', async () => {
    const measure = roll(scratchPage(THERMAL_WIDTH));
    measure.measuring = true;
    layout(measure);

    const doc = newDocument('test');
    doc.addPage({ size: [THERMAL_WIDTH, Math.ceil(measure.y + 2 * THERMAL_MARGIN)], margin: 0 });
    const drawn = roll(doc);
    layout(drawn);
    expect(drawn.y).toBeCloseTo(measure.y, 6);

    // The same column on a page with a bottom (A4 style) measures each block first: same heights.
    const paged = newDocument('test');
    paged.addPage({ size: [THERMAL_WIDTH, 100_000], margin: 0 });
    const withBottom = new Column(paged, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN, 99_000);
    layout(withBottom);
    expect(withBottom.y).toBeCloseTo(measure.y, 6);

    const pdf = await finish(doc);
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Grüße');
    expect(await pdfQrCodes(pdf)).toEqual(['BO1.test-payload']);
    await finish(paged);
  });

  it('documents made one after another share the parsed fonts yet each embeds what it shows', async () => {
    const texts = ['Ärger im Kino', 'Ёлка · 19:30', 'Café £5'];
    const pdfs: Buffer[] = [];
    for (const t of texts) {
      const doc = newDocument(t);
      doc.addPage({ size: [THERMAL_WIDTH, 200], margin: 0 });
      roll(doc).text(t, { font: 'bold', size: 12 }).text(t, { size: 8 });
      pdfs.push(await finish(doc));
    }
    for (const [i, pdf] of pdfs.entries()) {
      const [page] = await pdfText(pdf);
      expect(page).toContain(texts[i]);
      for (const other of texts.filter((_, j) => j !== i)) expect(page).not.toContain(other);
    }
  });
});
