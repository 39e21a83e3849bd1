import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { DomainError } from '@app/common';
import type { EvaluationReportInput } from '../evaluation-report.types';
import { CaseFileErrorCode } from '../case-files.errors';
import { resolveCaseFileFonts, type CaseFileFonts } from './case-file-fonts';
import { PdfPageWriter } from './pdf-page-writer';
import { removeStaleTemps, tempPathFor } from './temp-output';

const L = (zh: string, en: string) => ({ zh, en });
const TICKS = [0.0001, 0.001, 0.01, 0.05, 0.1, 0.2, 0.4, 0.6];
const LOW = 0.00005;
const HIGH = 0.7;
const COLOURS = ['#1f4e79', '#b03a2e', '#1e8449', '#7d3c98', '#b9770e'];
const DASHES: (number | null)[] = [null, 4, 1.5, 6, 2];

const probit = (p: number): number => quantile(Math.min(HIGH, Math.max(LOW, p)), 0, 1);

/**
 * Renders an accuracy evaluation (ISO/IEC 19795 statistics, a claim and its verdict) as a PDF with the
 * DET curves drawn as vector paths on normal-deviate axes, as NIST plots them. Same input, same bytes.
 */
export class EvaluationReportRenderer {
  private fonts: CaseFileFonts | null = null;

  async render(
    input: EvaluationReportInput,
    outPath: string,
  ): Promise<{ path: string; sha256: string; pages: number; bytes: number }> {
    const issued = new Date(input.issuedAt);
    if (Number.isNaN(issued.getTime())) {
      throw new DomainError(CaseFileErrorCode.InvalidInput, `issuedAt is not an instant: ${input.issuedAt}`);
    }
    this.fonts ??= resolveCaseFileFonts();
    const doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: false,
      font: this.fonts.regular,
      info: {
        Title: input.title,
        Creator: 'bioaudit recognition',
        Producer: 'bioaudit (pdfkit)',
        CreationDate: issued,
        ModDate: issued,
      },
    });
    // Beside the output under a hidden per-process name, renamed when complete; what killed renders left goes.
    await removeStaleTemps(path.dirname(outPath));
    const partial = tempPathFor(outPath);
    const file = createWriteStream(partial);
    const hash = createHash('sha256');
    let bytes = 0;
    doc.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      file.write(chunk);
    });
    const ended = once(doc, 'end');
    try {
      const w = new PdfPageWriter(doc, this.fonts, {
        languages: ['zh', 'en'],
        footerLeft: input.title,
        draft: false,
      });
      w.newPage('portrait');
      this.body(w, input);
      doc.end();
      await ended;
      file.end();
      await finished(file);
      await rename(partial, outPath);
      return { path: outPath, sha256: hash.digest('hex'), pages: w.pages, bytes };
    } catch (error) {
      file.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  }

  private body(w: PdfPageWriter, input: EvaluationReportInput): void {
    w.sectionHeading('1', L('评估对象', input.title));
    w.keyValues(input.inputs.map((i) => ({ label: L(i.label, ''), value: i.value })));
    w.sectionHeading('2', L('声明与结论', 'Claim and verdict'));
    if (input.claim) {
      w.paragraph(`Claim: ${input.claim.statement}`, { face: 'bold' });
      w.paragraph(`Read as: ${input.claim.translation}`, { size: 8.5 });
    } else w.paragraph('No claim was given: the report measures, it does not judge.');
    if (input.verdict) {
      w.paragraph(`Verdict: ${input.verdict.result}`, { face: 'bold', size: 12 });
      w.paragraph(input.verdict.reason, { size: 9 });
      if (input.verdict.comparisonsNeeded)
        w.paragraph(`Comparisons needed: ${input.verdict.comparisonsNeeded}`, { size: 9 });
    }
    w.sectionHeading('3', L('误差率（95 % 置信区间）', 'Error rates with exact 95 % intervals'));
    w.startTable(
      [
        { title: L('条件', 'Condition'), width: 80 },
        { title: L('比对', 'Kind'), width: 58 },
        { title: L('次数', 'n'), width: 52, align: 'right' },
        { title: L('错误', 'Errors'), width: 44, align: 'right' },
        { title: L('比率', 'Rate'), width: 56, align: 'right' },
        { title: L('双侧 95 %', 'Two-sided 95 %'), width: 110, align: 'right' },
        { title: L('单侧上限', 'Upper 95 %'), width: w.width - 400, align: 'right' },
      ],
      { size: 7.5 },
    );
    for (const c of input.conditions) {
      w.wrappedRow([
        c.name,
        'FNMR (genuine)',
        String(c.genuine.n),
        String(c.genuine.errors),
        c.genuine.rate,
        c.genuine.ci95,
        c.genuine.upper95,
      ]);
      w.wrappedRow([
        '',
        'FMR (impostor)',
        String(c.impostor.n),
        String(c.impostor.errors),
        c.impostor.rate,
        c.impostor.ci95,
        c.impostor.upper95,
      ]);
      w.wrappedRow(['', `threshold ${c.threshold}`, '', '', `EER ${c.eer}`, '', '']);
    }
    w.endTable();
    w.sectionHeading('4', L('DET 曲线', 'DET curves'), 330);
    this.detChart(w, input);
    if (input.notes.length > 0) {
      w.sectionHeading('5', L('说明', 'Notes and limits'));
      input.notes.forEach((n, i) => w.paragraph(`${i + 1}. ${n}`, { size: 8.5, after: 3 }));
    }
  }

  /** FNMR against FMR on normal-deviate (probit) axes; one vector polyline per condition. */
  private detChart(w: PdfPageWriter, input: EvaluationReportInput): void {
    const doc = w.doc;
    const size = 280;
    w.ensure(size + 60);
    const x0 = w.left + 50;
    const y0 = w.y + 10;
    const lo = probit(LOW);
    const hi = probit(HIGH);
    const px = (p: number) => x0 + ((probit(p) - lo) / (hi - lo)) * size;
    const py = (p: number) => y0 + size - ((probit(p) - lo) / (hi - lo)) * size;
    doc.save().lineWidth(0.5).strokeColor('#999999').rect(x0, y0, size, size).stroke();
    w.use('regular', 6.5, '#555555');
    for (const t of TICKS) {
      doc
        .save()
        .lineWidth(0.25)
        .strokeColor('#dddddd')
        .moveTo(px(t), y0)
        .lineTo(px(t), y0 + size)
        .stroke()
        .restore();
      doc
        .save()
        .lineWidth(0.25)
        .strokeColor('#dddddd')
        .moveTo(x0, py(t))
        .lineTo(x0 + size, py(t))
        .stroke()
        .restore();
      const label = t < 0.01 ? t.toExponential(0) : `${t * 100}%`;
      doc.text(label, px(t) - 15, y0 + size + 3, { width: 30, align: 'center', lineBreak: false });
      doc.text(label, x0 - 34, py(t) - 3, { width: 30, align: 'right', lineBreak: false });
    }
    // The EER line: FMR = FNMR.
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor('#bbbbbb')
      .dash(2, { space: 2 })
      .moveTo(px(LOW), py(LOW))
      .lineTo(px(HIGH), py(HIGH))
      .stroke()
      .undash()
      .restore();
    w.use('regular', 7.5, '#333333');
    doc.text('FMR (false match rate)', x0, y0 + size + 14, {
      width: size,
      align: 'center',
      lineBreak: false,
    });
    doc.save().rotate(-90, { origin: [x0 - 40, y0 + size / 2] });
    doc.text('FNMR (false non-match rate)', x0 - 40 - size / 2, y0 + size / 2 - 4, {
      width: size,
      align: 'center',
      lineBreak: false,
    });
    doc.restore();
    input.conditions.forEach((c, i) => {
      const points = c.det.filter((p) => p.fmr > 0 || p.fnmr > 0);
      if (points.length === 0) return;
      doc
        .save()
        .lineWidth(1.2)
        .strokeColor(COLOURS[i % COLOURS.length]);
      const dash = DASHES[i % DASHES.length];
      if (dash) doc.dash(dash, { space: 2 });
      points.forEach((p, k) =>
        k === 0 ? doc.moveTo(px(p.fmr), py(p.fnmr)) : doc.lineTo(px(p.fmr), py(p.fnmr)),
      );
      doc.stroke().undash().restore();
      // Legend
      const ly = y0 + 8 + i * 12;
      doc
        .save()
        .lineWidth(1.2)
        .strokeColor(COLOURS[i % COLOURS.length]);
      if (dash) doc.dash(dash, { space: 2 });
      doc
        .moveTo(x0 + size + 12, ly + 4)
        .lineTo(x0 + size + 32, ly + 4)
        .stroke()
        .undash()
        .restore();
      w.use('regular', 7.5, '#333333');
      doc.text(`${c.name} (EER ${c.eer})`, x0 + size + 36, ly, {
        width: w.left + w.width - (x0 + size + 36),
        lineBreak: false,
      });
    });
    w.use('regular', 7, '#777777');
    doc.text(
      'Axes are normal deviates (probit), as in NIST FRTE reports; rates are clipped to [5e-5, 0.7].',
      x0,
      y0 + size + 26,
      { width: size + 150, lineBreak: false },
    );
    w.y = y0 + size + 44;
  }
}
