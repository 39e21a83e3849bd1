import type { BilingualText, CaseFileLanguage } from '../case-file.types';
import { fitText, wrapText } from '../core/format';
import type { CaseFileFonts } from './case-file-fonts';

export const INK = '#111111';
export const MUTED = '#555555';
export const RULE = '#999999';
export const SHADE = '#eef1f5';
export const ACCENT = '#1f4e79';

const MARGIN = { top: 56, bottom: 72, left: 56, right: 56 };
const LANDSCAPE_MARGIN = { top: 48, bottom: 64, left: 42, right: 42 };

export type Orientation = 'portrait' | 'landscape';
type Face = 'regular' | 'bold';

/** Options of one document: its languages, the footer's left text and whether it is a draft. */
export interface PageWriterOptions {
  languages: readonly CaseFileLanguage[];
  /** A fixed string, or a text printed in the document's languages. */
  footerLeft: BilingualText | string;
  /** Draws a diagonal "草稿 DRAFT" watermark under the content of every page. */
  draft: boolean;
}

/**
 * English runs use ASCII quotes: the CJK font draws the typographic ones (’ “ ”) as full-width glyphs,
 * which look like gaps in a Latin word.
 */
export function latin(text: string): string {
  return text.replace(/[\u2018\u2019\u2032]/g, "'").replace(/[\u201c\u201d\u2033]/g, '"');
}

/** Pages between resets of pdfkit's word-layout cache (see `boundLayoutCaches`). */
const LAYOUT_CACHE_PAGES = 40;

interface Style {
  face: Face;
  size: number;
  color: string;
}

/** A table column: a bilingual heading, a width in points, and the alignment of its cells. */
export interface TableColumn {
  title: BilingualText;
  width: number;
  align?: 'left' | 'right';
}

interface TableState {
  columns: TableColumn[];
  size: number;
  lines: number;
  rowIndex: number;
}

/** pdfkit's per-font cache of laid-out words; an internal field, reached only to bound its growth. */
interface LayoutCacheHolder {
  layoutCache?: Record<string, unknown>;
}

/**
 * Owns page flow for one case file: where the next line goes, when a page ends, the footer on every page
 * and the repeated header of a table that runs over pages. Positions are explicit (never pdfkit's implicit
 * cursor) so that output depends only on what is written.
 */
export class PdfPageWriter {
  y = 0;
  private pageNumber = 0;
  private orientation: Orientation = 'portrait';
  private style: Style = { face: 'regular', size: 9.5, color: INK };
  private table: TableState | null = null;
  private pagesSinceFlow = 0;

  /** True when English is printed alongside the Chinese. */
  readonly en: boolean;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly fonts: CaseFileFonts,
    private readonly options: PageWriterOptions,
  ) {
    this.en = options.languages.includes('en');
    doc.on('pageAdded', () => this.onPageAdded());
  }

  /** `中文` or, with English, `中文 / English` on one line. */
  t(text: BilingualText): string {
    return this.en ? `${text.zh} / ${latin(text.en)}` : text.zh;
  }

  /** Pages started so far (the document's page count once rendering ends). */
  get pages(): number {
    return this.pageNumber;
  }

  get left(): number {
    return this.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.margins.left - this.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.margins.bottom;
  }

  private get margins(): typeof MARGIN {
    return this.orientation === 'portrait' ? MARGIN : LANDSCAPE_MARGIN;
  }

  /** Starts a page, optionally switching orientation (the annexes are landscape). */
  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.doc.addPage({ size: 'A4', layout: orientation, margins: this.margins });
  }

  /** True (and resets) when pages were started since the last call: the caller's cue to let output drain. */
  takePageBreaks(): boolean {
    const broke = this.pagesSinceFlow > 0;
    this.pagesSinceFlow = 0;
    return broke;
  }

  /** Starts a new page unless `height` points still fit; returns whether a page was started. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  use(face: Face, size: number, color: string = INK): this {
    this.style = { face, size, color };
    this.apply();
    return this;
  }

  private apply(): void {
    this.doc
      .font(this.style.face === 'bold' ? this.fonts.bold : this.fonts.regular)
      .fontSize(this.style.size)
      .fillColor(this.style.color);
  }

  private onPageAdded(): void {
    this.pageNumber += 1;
    this.pagesSinceFlow += 1;
    this.boundLayoutCaches();
    if (this.options.draft) this.drawWatermark();
    this.drawFooter();
    this.y = this.margins.top;
    this.apply();
    if (this.table) this.drawTableHeader(this.table);
  }

  /**
   * pdfkit caches the layout of every distinct word per font for the life of the document; with 100,000
   * findings (each with its own subject and timestamps) that cache alone grows by hundreds of MB. Dropping
   * it every few dozen pages keeps memory flat while keeping the hits (dates, times, codes repeat).
   */
  private boundLayoutCaches(): void {
    if (this.pageNumber % LAYOUT_CACHE_PAGES !== 0) return;
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, LayoutCacheHolder> })
      ._fontFamilies;
    for (const font of Object.values(families ?? {})) {
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  }

  /** Drawn first, so the page's content lies over it; extractable text, so a search finds it. */
  private drawWatermark(): void {
    const { doc } = this;
    const [cx, cy] = [doc.page.width / 2, doc.page.height / 2];
    const text = '草稿 DRAFT';
    doc.save();
    doc.rotate(-35, { origin: [cx, cy] });
    doc.font(this.fonts.bold).fontSize(96).fillColor('#c00000').fillOpacity(0.12);
    const w = doc.widthOfString(text);
    doc.text(text, cx - w / 2, cy - 60, { lineBreak: false });
    doc.restore();
    doc.fillOpacity(1);
  }

  private drawFooter(): void {
    const { doc } = this;
    const [x, y] = [doc.x, doc.y];
    const lineY = doc.page.height - this.margins.bottom + 22;
    doc
      .moveTo(this.left, lineY)
      .lineTo(doc.page.width - this.margins.right, lineY)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font(this.fonts.regular).fontSize(7.5).fillColor(MUTED);
    const footer = this.options.footerLeft;
    doc.text(typeof footer === 'string' ? footer : this.t(footer), this.left, lineY + 6, {
      lineBreak: false,
    });
    const pageText = this.t({ zh: `第 ${this.pageNumber} 页`, en: `Page ${this.pageNumber}` });
    const w = doc.widthOfString(pageText);
    doc.text(pageText, doc.page.width - this.margins.right - w, lineY + 6, { lineBreak: false });
    doc.x = x;
    doc.y = y;
  }

  /** Vertical space in points. */
  gap(points: number): void {
    this.y += points;
  }

  /** A numbered section heading, Chinese above English, kept with at least `keep` points of what follows. */
  sectionHeading(number: string, title: BilingualText, keep = 80): void {
    this.ensure(44 + keep);
    const { doc } = this;
    this.use('bold', 13, ACCENT);
    doc.text(number ? `${number}  ${title.zh}` : title.zh, this.left, this.y, { lineBreak: false });
    this.y += 18;
    if (this.en) {
      this.use('regular', 9.5, MUTED);
      doc.text(latin(title.en), this.left, this.y, { lineBreak: false });
      this.y += 15;
    } else {
      this.y += 2;
    }
    doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.8)
      .strokeColor(ACCENT)
      .stroke();
    this.y += 9;
  }

  /** A sub-heading, `中文 / English` (or `中文`) on one line. */
  subHeading(title: BilingualText, keep = 40): void {
    this.ensure(18 + keep);
    this.use('bold', 10, INK);
    this.doc.text(this.t(title), this.left, this.y, { lineBreak: false });
    this.y += 16;
  }

  /** Wrapped text across the full width; long text flows onto new pages. */
  paragraph(
    text: string,
    opts: { face?: Face; size?: number; color?: string; indent?: number; after?: number } = {},
  ): void {
    const indent = opts.indent ?? 0;
    this.use(opts.face ?? 'regular', opts.size ?? 9.5, opts.color ?? INK);
    const width = this.width - indent;
    const height = this.doc.heightOfString(text, { width, lineGap: 2 });
    // Short blocks move whole to the next page; longer ones start here and let pdfkit continue them.
    if (height < 120) this.ensure(height);
    else this.ensure(40);
    this.doc.text(text, this.left + indent, this.y, { width, lineGap: 2 });
    this.y = this.doc.y + (opts.after ?? 4);
  }

  /** Chinese text followed, when English is on, by its English rendering in a smaller, muted face. */
  bilingualParagraph(
    text: BilingualText,
    opts: { indent?: number; size?: number; face?: Face; after?: number } = {},
  ): void {
    const size = opts.size ?? 9.5;
    const after = opts.after ?? 7;
    this.paragraph(text.zh, { indent: opts.indent, size, face: opts.face, after: this.en ? 2 : after });
    if (this.en) {
      this.paragraph(latin(text.en), { indent: opts.indent, size: size - 1, color: MUTED, after });
    }
  }

  /** Label/value rows: the label's Chinese above its English, the value wrapped beside them. */
  keyValues(rows: { label: BilingualText; value: string }[], labelWidth = 150): void {
    const { doc } = this;
    for (const row of rows) {
      const valueWidth = this.width - labelWidth;
      this.use('regular', 9.5);
      const valueHeight = doc.heightOfString(row.value, { width: valueWidth, lineGap: 1 });
      const height = Math.max(this.en ? 26 : 18, valueHeight + 6);
      this.ensure(height);
      this.use('bold', 9);
      doc.text(row.label.zh, this.left, this.y, { lineBreak: false });
      if (this.en) {
        this.use('regular', 7.5, MUTED);
        doc.text(latin(row.label.en), this.left, this.y + 12, { lineBreak: false });
      }
      this.use('regular', 9.5);
      doc.text(row.value, this.left + labelWidth, this.y, { width: valueWidth, lineGap: 1 });
      this.y += height;
      doc
        .moveTo(this.left, this.y - 3)
        .lineTo(this.left + this.width, this.y - 3)
        .lineWidth(0.3)
        .strokeColor(SHADE)
        .stroke();
    }
    this.y += 6;
  }

  /**
   * Starts a table whose header repeats at the top of every page it runs onto. Cells wrap onto at most
   * `lines` lines (default 4); the common one-line cell costs one width measurement, which keeps the
   * 100,000-row annex fast.
   */
  startTable(columns: TableColumn[], opts: { size?: number; lines?: number } = {}): void {
    const state: TableState = { columns, size: opts.size ?? 7.5, lines: opts.lines ?? 4, rowIndex: 0 };
    this.ensure(this.headerHeight() + this.rowHeight(state) * 2);
    this.table = state;
    this.drawTableHeader(state);
  }

  endTable(): void {
    this.table = null;
    this.y += 8;
  }

  private headerHeight(): number {
    return this.en ? 24 : 15;
  }

  /** The height of a one-line row. */
  private rowHeight(t: TableState): number {
    return t.size * 1.35 + 5;
  }

  private drawTableHeader(t: TableState): void {
    const { doc } = this;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    doc.rect(this.left, this.y, total, this.headerHeight()).fill(SHADE);
    let x = this.left;
    for (const col of t.columns) {
      const inner = col.width - 6;
      this.use('bold', t.size, INK);
      this.cell(col.title.zh, x, this.y + 3, inner, col.align);
      if (this.en) {
        this.use('regular', t.size - 1, MUTED);
        this.cell(latin(col.title.en), x, this.y + 3 + t.size * 1.35, inner, col.align);
      }
      x += col.width;
    }
    this.y += this.headerHeight() + 2;
  }

  private cell(text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): void {
    const fitted = fitText(text, width, (s) => this.doc.widthOfString(s));
    const dx = align === 'right' ? width - this.doc.widthOfString(fitted) : 0;
    this.doc.text(fitted, x + 3 + dx, y, { lineBreak: false });
  }

  /**
   * One row of the current table. A cell too wide for its column wraps onto up to the table's `lines`
   * lines (identifiers break between characters; a `\n` starts a new line), so values are shown whole
   * rather than cut; a row is as tall as its tallest cell.
   */
  row(cells: string[]): void {
    const t = this.table;
    if (!t) throw new Error('row() outside a table');
    this.use('regular', t.size, INK);
    const measure = (s: string) => this.doc.widthOfString(s);
    const lines = t.columns.map((col, i) => {
      const text = cells[i] ?? '';
      if (!text.includes('\n')) return wrapText(text, col.width - 6, t.lines, measure);
      // Explicit line breaks separate items of one cell (first / last capture); each wraps on its own.
      const all = text.split('\n').flatMap((part) => wrapText(part, col.width - 6, t.lines, measure));
      if (all.length <= t.lines) return all;
      const kept = all.slice(0, t.lines);
      kept[t.lines - 1] = fitText(`${kept[t.lines - 1]}…`, col.width - 6, measure);
      return kept;
    });
    const lineHeight = t.size * 1.35;
    const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 5;
    if (this.ensure(height)) this.use('regular', t.size, INK);
    const total = t.columns.reduce((sum, c) => sum + c.width, 0);
    if (t.rowIndex % 2 === 1) {
      this.doc.rect(this.left, this.y - 1, total, height).fill(SHADE);
      this.doc.fillColor(INK);
    }
    t.rowIndex += 1;
    let x = this.left;
    t.columns.forEach((col, i) => {
      lines[i].forEach((line, li) =>
        this.cell(line, x, this.y + 1.5 + li * lineHeight, col.width - 6, col.align),
      );
      x += col.width;
    });
    this.y += height;
  }

  /**
   * A row whose cells wrap to any height (for short tables: penalty steps, legal citations). A row that
   * does not fit moves whole to the next page, below the repeated header, in the same face and size.
   */
  wrappedRow(cells: string[], opts: { bold?: boolean } = {}): void {
    const t = this.table;
    if (!t) throw new Error('wrappedRow() outside a table');
    const { doc } = this;
    const style = () => this.use(opts.bold ? 'bold' : 'regular', t.size + 1, INK);
    style();
    const heights = t.columns.map((col, i) =>
      doc.heightOfString(cells[i] ?? '', { width: col.width - 6, lineGap: 1 }),
    );
    const height = Math.max(...heights) + 6;
    // The repeated header leaves its own (smaller, muted) style set: the row's must be restored after it.
    if (this.ensure(height)) style();
    let x = this.left;
    t.columns.forEach((col, i) => {
      doc.text(cells[i] ?? '', x + 3, this.y + 2, {
        width: col.width - 6,
        lineGap: 1,
        align: col.align ?? 'left',
      });
      x += col.width;
    });
    this.y += height;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    doc
      .moveTo(this.left, this.y - 2)
      .lineTo(this.left + total, this.y - 2)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  }
}
