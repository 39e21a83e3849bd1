import { DateTime } from 'luxon';
import type { BilingualText } from '@app/common';
import { chineseDate } from '../pdf/case-file-layout';
import { ACCENT, INK, MUTED, RULE, SHADE, latin, type PdfPageWriter } from '../pdf/pdf-page-writer';

export type PartLanguage = 'zh' | 'en';

const BODY = 10;
/** Values in a form's cells: a little smaller than a letter's text, so that a form fits its page. */
const FORM = 9.5;
const RED = '#c00000';

/** A column of a bordered table: heading, width in points, alignment. */
export interface GridColumn {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A row of a form; `sign` makes it a row signed in the form (an opinion and its signature). */
export interface FormRow {
  label: string;
  value: string;
  minHeight?: number;
  size?: number;
  sign?: { names?: string[]; choices?: string[] };
}

/** A box of a signature block: who signs, the names printed in it, whether it has a date line, its height. */
export interface SignatureBox {
  label: string;
  lines: string[];
  /** A line of tick boxes above the signature (an approval: □ 同意 □ 不同意). */
  choices?: string[];
  height?: number;
}

/**
 * Lays out one language part of a procedure document on the case file's page writer (which owns page flow,
 * footers and the watermark). Every helper takes text already in this part's language: the documents are
 * written once, with `s(L(zh, en))`, and laid out twice.
 */
export class ProcedureLayout {
  constructor(
    readonly w: PdfPageWriter,
    readonly lang: PartLanguage,
  ) {}

  get doc(): PDFKit.PDFDocument {
    return this.w.doc;
  }

  /** The text of this part: the Chinese, or the English with ASCII quotes. */
  s(text: BilingualText): string {
    return this.lang === 'zh' ? text.zh : latin(text.en);
  }

  /** `2026年12月10日` or `10 December 2026`. */
  date(iso: string): string {
    if (this.lang === 'zh') return chineseDate(iso);
    return DateTime.fromISO(iso, { zone: 'UTC' }).setLocale('en-GB').toFormat('d MMMM yyyy');
  }

  /** Label/value separator: the full-width colon in Chinese. */
  get colon(): string {
    return this.lang === 'zh' ? '：' : ': ';
  }

  private centred(text: string, face: 'regular' | 'bold', size: number, color = INK): void {
    const { w } = this;
    w.use(face, size, color);
    const width = w.doc.heightOfString(text, { width: w.width }) > size * 1.6 ? w.width : null;
    if (width) {
      w.doc.text(text, w.left, w.y, { width: w.width, align: 'center' });
      w.y = w.doc.y + 2;
      return;
    }
    w.doc.text(text, w.left + (w.width - w.doc.widthOfString(text)) / 2, w.y, { lineBreak: false });
    w.y += size * 1.45;
  }

  /** The authority, the title, the document number; a red line when the document is a draft. */
  titleBlock(authority: string, title: string, documentNumber: string, draft: string | null): void {
    this.w.gap(6);
    this.centred(authority, 'bold', 14);
    this.w.gap(4);
    this.centred(title, 'bold', this.lang === 'zh' ? 22 : 17);
    this.w.gap(2);
    this.centred(documentNumber, 'regular', 10.5);
    if (draft) {
      this.w.gap(2);
      this.centred(draft, 'bold', 9, RED);
    }
    this.w.gap(8);
  }

  /** One line flush right (the date a form was made out). */
  rightLine(text: string): void {
    const { w, doc } = this;
    w.use('regular', 9.5);
    w.ensure(16);
    doc.text(text, w.left + w.width - doc.widthOfString(text), w.y, { lineBreak: false });
    w.y += 16;
  }

  /** A muted full-width note. */
  note(text: string): void {
    this.w.paragraph(text, { size: 8.5, color: MUTED, after: 6 });
  }

  /** Body text. */
  para(text: string, opts: { bold?: boolean; indent?: number; after?: number; size?: number } = {}): void {
    this.w.paragraph(text, {
      face: opts.bold ? 'bold' : 'regular',
      size: opts.size ?? BODY,
      indent: opts.indent,
      after: opts.after ?? 5,
    });
  }

  /** `label：value` lines, the label bold; for the party block of a letter. */
  lines(rows: { label: string; value: string }[]): void {
    const { w, doc } = this;
    for (const row of rows) {
      w.use('bold', BODY);
      const label = `${row.label}${this.colon}`;
      const lw = doc.widthOfString(label);
      w.use('regular', BODY);
      const h = doc.heightOfString(row.value, { width: w.width - lw, lineGap: 2 });
      w.ensure(h);
      w.use('bold', BODY);
      doc.text(label, w.left, w.y, { lineBreak: false });
      w.use('regular', BODY);
      doc.text(row.value, w.left + lw, w.y, { width: w.width - lw, lineGap: 2 });
      w.y = doc.y + 3;
    }
    w.gap(4);
  }

  /** A numbered heading of a letter: `一、违法事实` / `1. Facts`, kept with some of what follows. */
  heading(text: string, keep = 60): void {
    const { w } = this;
    w.gap(4);
    w.ensure(18 + keep);
    w.use('bold', 11, ACCENT);
    w.doc.text(text, w.left, w.y, { width: w.width });
    w.y = w.doc.y + 4;
  }

  /** Items with a hanging number: `1.` (or the caller's markers) and the wrapped text beside it. */
  numbered(items: string[], opts: { markers?: string[]; size?: number; indent?: number } = {}): void {
    const { w, doc } = this;
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 10;
    items.forEach((item, i) => {
      const marker = opts.markers?.[i] ?? `${i + 1}.`;
      w.use('regular', size);
      const mw = Math.max(doc.widthOfString(marker) + 4, size * 1.6);
      const width = w.width - indent - mw;
      const h = doc.heightOfString(item, { width, lineGap: 2 });
      if (h < 120) w.ensure(h);
      else w.ensure(40);
      w.use('regular', size);
      doc.text(marker, w.left + indent, w.y, { lineBreak: false });
      doc.text(item, w.left + indent + mw, w.y, { width, lineGap: 2 });
      w.y = doc.y + 3;
    });
    w.gap(3);
  }

  /**
   * A bordered form: shaded label cells on the left, values wrapping on the right, as Chinese approval forms
   * are printed. A row with `sign` is signed in the form itself: below its text the names of who signs, tick
   * boxes, and lines for the signature and the date. A row moves whole to the next page; a value too long
   * for a page runs on as paragraphs.
   */
  form(rows: FormRow[]): void {
    const { w, doc } = this;
    const lw = this.lang === 'zh' ? 112 : 120;
    const vw = w.width - lw;
    const heightOf = (row: FormRow): number => {
      w.use('regular', row.size ?? FORM);
      const vh = row.value ? doc.heightOfString(row.value, { width: vw - 12, lineGap: 2 }) : 0;
      w.use('bold', 9.5);
      const lh = doc.heightOfString(row.label, { width: lw - 12, lineGap: 1 });
      return Math.max(vh + this.signHeight(row.sign, vw), lh, (row.minHeight ?? 0) - 10) + 10;
    };
    const heights = rows.map(heightOf);
    rows.forEach((row, i) => {
      const height = heights[i];
      if (height > w.bottom - 80 && !row.sign) {
        // Longer than a page: the label as a heading and the value as flowing text.
        w.ensure(40);
        this.cellRow({ ...row, value: '' }, lw, vw, 22);
        this.para(row.value, { indent: 6, after: 8, size: row.size ?? FORM });
        return;
      }
      // The rows signed in the form stay together: an approval is never alone on a page.
      let keep = height;
      for (let j = i + 1; row.sign && j < rows.length && rows[j].sign; j++) keep += heights[j];
      w.ensure(i > 0 && rows[i - 1].sign ? height : keep);
      this.cellRow(row, lw, vw, height);
    });
    w.gap(10);
  }

  private signHeight(sign: FormRow['sign'], vw: number): number {
    if (!sign) return 0;
    this.w.use('regular', 9);
    const names = sign.names?.length
      ? this.doc.heightOfString(sign.names.join('\n'), { width: vw - 12 }) + 4
      : 0;
    return 4 + names + (sign.choices ? 18 : 0) + 30;
  }

  private cellRow(row: FormRow, lw: number, vw: number, height: number): void {
    const { w, doc } = this;
    const [x, y] = [w.left, w.y];
    doc.rect(x, y, lw, height).fill(SHADE);
    doc
      .rect(x, y, lw, height)
      .rect(x + lw, y, vw, height)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    w.use('bold', 9.5);
    doc.text(row.label, x + 6, y + 5, { width: lw - 12, lineGap: 1 });
    let cy = y + 5;
    if (row.value) {
      w.use('regular', row.size ?? FORM);
      doc.text(row.value, x + lw + 6, cy, { width: vw - 12, lineGap: 2 });
      cy = doc.y + 4;
    }
    if (row.sign?.names?.length) {
      w.use('regular', 9, ACCENT);
      doc.text(row.sign.names.join('\n'), x + lw + 6, cy, { width: vw - 12, lineGap: 0.5 });
      cy = doc.y + 4;
    }
    if (row.sign?.choices) {
      w.use('regular', 10);
      doc.text(row.sign.choices.map((c) => `□ ${c}`).join('\u3000\u3000'), x + lw + 6, cy, {
        lineBreak: false,
      });
    }
    if (row.sign) this.signLine(x + lw + vw * 0.25, vw * 0.75, y + height - 10);
    w.y = y + height;
  }

  /** `签名：＿＿＿ 日期：＿＿＿` with its base line at `base`, across `width` from `x`. */
  private signLine(x: number, width: number, base: number): void {
    const { w, doc } = this;
    const sign = this.lang === 'zh' ? '签名：' : 'Signature:';
    const dated = this.lang === 'zh' ? '日期：' : 'Date:';
    w.use('regular', 8.5, MUTED);
    const sw = doc.widthOfString(sign);
    const dw = doc.widthOfString(dated);
    const mid = x + width * 0.56;
    doc.text(sign, x + 6, base - 10, { lineBreak: false });
    doc.text(dated, mid, base - 10, { lineBreak: false });
    doc
      .moveTo(x + 8 + sw, base)
      .lineTo(mid - 8, base)
      .moveTo(mid + 2 + dw, base)
      .lineTo(x + width - 8, base)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }

  /** A bordered table whose heading row repeats on every page it runs onto. */
  table(columns: GridColumn[], rows: string[][], size = 9): void {
    const { w, doc } = this;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const cellHeight = (cells: string[], face: 'regular' | 'bold') => {
      w.use(face, size);
      return (
        Math.max(
          ...columns.map((c, i) => doc.heightOfString(cells[i] || ' ', { width: c.width - 8, lineGap: 1 })),
        ) + 6
      );
    };
    const titles = columns.map((c) => c.title);
    const headerHeight = cellHeight(titles, 'bold');
    const draw = (cells: string[], height: number, face: 'regular' | 'bold', fill: boolean) => {
      let x = w.left;
      if (fill) doc.rect(x, w.y, total, height).fill(SHADE);
      for (const [i, c] of columns.entries()) {
        doc.rect(x, w.y, c.width, height).lineWidth(0.6).strokeColor(RULE).stroke();
        w.use(face, size);
        doc.text(cells[i] ?? '', x + 4, w.y + 3, {
          width: c.width - 8,
          lineGap: 1,
          align: c.align ?? 'left',
        });
        x += c.width;
      }
      w.y += height;
    };
    w.ensure(headerHeight + cellHeight(rows[0] ?? titles, 'regular'));
    draw(titles, headerHeight, 'bold', true);
    for (const row of rows) {
      const h = cellHeight(row, 'regular');
      if (w.ensure(h)) draw(titles, headerHeight, 'bold', true);
      draw(row, h, 'regular', false);
    }
    w.gap(10);
  }

  /** The amount of a fine in a ruled box: figures, and in Chinese the amount in capitals. */
  amountBox(label: string, amount: string, capitals: string | null, extra: string | null): void {
    const { w, doc } = this;
    const height = 24 + (capitals ? 18 : 0) + (extra ? 16 : 0);
    w.ensure(height + 8);
    const top = w.y;
    doc.rect(w.left, top, w.width, height).lineWidth(1).strokeColor(ACCENT).stroke();
    w.use('bold', 10.5);
    doc.text(label, w.left + 10, top + 8, { lineBreak: false });
    const lw = Math.max(doc.widthOfString(label) + 24, 110);
    w.use('bold', 14, ACCENT);
    doc.text(amount, w.left + lw, top + 5, { lineBreak: false });
    let y = top + 26;
    if (capitals) {
      w.use('regular', 10);
      doc.text(capitals, w.left + lw, y, { lineBreak: false });
      y += 18;
    }
    if (extra) {
      w.use('regular', 8.5, MUTED);
      doc.text(extra, w.left + lw, y - 2, { width: w.width - lw - 10, lineBreak: false });
    }
    w.y = top + height + 10;
  }

  /**
   * Signature boxes, two to a row and kept together on one page: who signs, the names, optional tick boxes,
   * and lines for the signature and the date.
   */
  signatures(boxes: SignatureBox[]): void {
    const { w } = this;
    const gutter = 10;
    const boxWidth = (w.width - gutter) / 2;
    const heights: number[] = [];
    for (let i = 0; i < boxes.length; i += 2) {
      heights.push(Math.max(...boxes.slice(i, i + 2).map((b) => this.boxHeight(b, boxWidth))));
    }
    const total = heights.reduce((s, h) => s + h + gutter, 0);
    w.ensure(total + 6);
    boxes.forEach((box, i) => {
      const rowIndex = Math.floor(i / 2);
      const x = w.left + (i % 2) * (boxWidth + gutter);
      const y = w.y + heights.slice(0, rowIndex).reduce((s, h) => s + h + gutter, 0);
      this.drawBox(box, x, y, boxWidth, heights[rowIndex]);
    });
    w.y += total;
  }

  private boxHeight(box: SignatureBox, width: number): number {
    this.w.use('regular', 9);
    const names =
      box.lines.length > 0 ? this.doc.heightOfString(box.lines.join('\n'), { width: width - 12 }) : 0;
    return Math.max(box.height ?? 0, 20 + names + (box.choices ? 18 : 0) + 44);
  }

  private drawBox(box: SignatureBox, x: number, y: number, width: number, height: number): void {
    const { w, doc } = this;
    doc.rect(x, y, width, height).lineWidth(0.6).strokeColor(RULE).stroke();
    w.use('bold', 9.5);
    doc.text(box.label, x + 6, y + 6, { width: width - 12, lineBreak: false });
    let cy = y + 21;
    if (box.lines.length > 0) {
      w.use('regular', 9, ACCENT);
      doc.text(box.lines.join('\n'), x + 6, cy, { width: width - 12, lineGap: 0.5 });
      cy = doc.y + 3;
    }
    if (box.choices) {
      w.use('regular', 9.5);
      doc.text(box.choices.map((c) => `□ ${c}`).join('\u3000\u3000'), x + 6, cy, { lineBreak: false });
    }
    this.signLine(x, width, y + height - 10);
  }

  private sealHeight(authority: string): number {
    this.w.use('bold', 10.5);
    const nameHeight = this.doc.heightOfString(authority, { width: this.sealWidth, align: 'center' });
    return Math.max(30 + nameHeight + 18 + 14, 30 + (nameHeight + 16) / 2 + 44) + 6;
  }

  private get sealWidth(): number {
    return Math.min(this.w.width * 0.5, 240);
  }

  /**
   * The issuing authority's block at the right: a dashed circle where the seal goes, the authority's name and
   * the date of issue, as an administrative document is signed off. The seal is stamped over the name and the
   * date. A seal that has to start a page says the page has no further text (此页无正文), so that a sealed
   * page cannot be attached to another text.
   */
  seal(authority: string, date: string, sealHint: string): void {
    const { w, doc } = this;
    const blockWidth = this.sealWidth;
    const x = w.left + w.width - blockWidth;
    if (w.ensure(this.sealHeight(authority))) {
      w.use('regular', 9, MUTED);
      doc.text(this.lang === 'zh' ? '（此页无正文）' : '(No further text on this page.)', w.left, w.y, {
        lineBreak: false,
      });
      w.gap(14);
    }
    w.use('bold', 10.5);
    const nameHeight = doc.heightOfString(authority, { width: blockWidth, align: 'center' });
    const top = w.y + 6;
    const cx = x + blockWidth / 2;
    const cy = top + 24 + (nameHeight + 16) / 2;
    doc.save();
    doc.circle(cx, cy, 38).lineWidth(0.6).dash(3, { space: 3 }).strokeColor(RULE).stroke();
    doc.undash();
    doc.restore();
    w.use('regular', 7.5, MUTED);
    doc.text(sealHint, cx - doc.widthOfString(sealHint) / 2, cy - 32, { lineBreak: false });
    w.use('bold', 10.5);
    doc.text(authority, x, top + 24, { width: blockWidth, align: 'center' });
    w.use('regular', 10.5);
    doc.text(date, x, doc.y + 3, { width: blockWidth, align: 'center' });
    w.y = Math.max(doc.y + 14, cy + 44);
  }

  /**
   * The end of a letter: its last paragraphs, the seal, and the party's acknowledgement of receipt, kept
   * together on one page so that the seal is never alone.
   */
  closing(
    tail: { text: string; size?: number; bold?: boolean; muted?: boolean }[],
    seal: { authority: string; date: string; hint: string },
    receipt: string | null,
  ): void {
    const { w, doc } = this;
    let height = this.sealHeight(seal.authority) + (receipt ? 30 : 0);
    for (const p of tail) {
      w.use(p.bold ? 'bold' : 'regular', p.size ?? (p.muted ? 8.5 : BODY));
      height += doc.heightOfString(p.text, { width: w.width, lineGap: 2 }) + 6;
    }
    w.ensure(height);
    for (const p of tail) {
      if (p.muted) this.note(p.text);
      else this.para(p.text, { bold: p.bold, size: p.size });
    }
    this.seal(seal.authority, seal.date, seal.hint);
    if (receipt) this.receiptLine(receipt);
  }

  /** A line for the party to acknowledge receipt: who, signature, date. */
  receiptLine(label: string): void {
    const { w, doc } = this;
    w.ensure(36);
    w.gap(6);
    w.use('regular', 9.5);
    const dated = this.lang === 'zh' ? '日期：' : 'Date:';
    doc.text(label, w.left, w.y, { lineBreak: false });
    const lw = doc.widthOfString(label);
    const mid = w.left + w.width * 0.62;
    doc.text(dated, mid, w.y, { lineBreak: false });
    const base = w.y + 12;
    doc
      .moveTo(w.left + lw + 4, base)
      .lineTo(mid - 10, base)
      .moveTo(mid + doc.widthOfString(dated) + 4, base)
      .lineTo(w.left + w.width, base)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    w.y += 24;
  }
}
