import type { BilingualText } from '@app/common';

/** The Chinese text of a trace node, in plain words a Chinese officer reads (no internal identifiers). */
export interface TraceZh {
  description: string;
  citation: string;
  /** The value in Chinese where the value is a word rather than a number (e.g. a tier). */
  value?: string;
}

/** One computed value with the rule that produced it; children are the values it was computed from. */
export interface TraceNode {
  id: string;
  description: string;
  citation: string;
  value: string;
  /** Present on every node of the Chinese rulebooks. */
  zh?: TraceZh;
  children: TraceNode[];
}

/** A trace node without its children: the flat `steps` list of an assessment. */
export interface TraceStep {
  id: string;
  description: string;
  citation: string;
  value: string;
  zh?: TraceZh;
}

/** Builds a trace node (English only: the EU and US rulebooks). */
export function traceNode(
  id: string,
  description: string,
  citation: string,
  value: string,
  children: TraceNode[] = [],
): TraceNode {
  return { id, description, citation, value, children };
}

/** Builds a bilingual trace node: description and citation in Chinese and English. */
export function biNode(
  id: string,
  description: BilingualText,
  citation: BilingualText,
  value: string | BilingualText,
  children: TraceNode[] = [],
): TraceNode {
  const v = typeof value === 'string' ? { en: value, zh: undefined } : value;
  const zh: TraceZh = { description: description.zh, citation: citation.zh };
  if (v.zh !== undefined) zh.value = v.zh;
  return { id, description: description.en, citation: citation.en, value: v.en, zh, children };
}

/** Flattens a trace tree in computation order: every value after the values it was computed from. */
export function flattenTrace(root: TraceNode): TraceStep[] {
  const out: TraceStep[] = [];
  const visit = (n: TraceNode): void => {
    for (const c of n.children) visit(c);
    const step: TraceStep = { id: n.id, description: n.description, citation: n.citation, value: n.value };
    if (n.zh) step.zh = n.zh;
    out.push(step);
  };
  visit(root);
  return out;
}
