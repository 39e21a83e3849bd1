/** One computed value with the rule that produced it; children are the values it was computed from. */
export interface TraceNode {
  id: string;
  description: string;
  citation: string;
  value: string;
  children: TraceNode[];
}

/** A trace node without its children: the flat `steps` list of an assessment. */
export interface TraceStep {
  id: string;
  description: string;
  citation: string;
  value: string;
}

/** Builds a trace node. */
export function traceNode(
  id: string,
  description: string,
  citation: string,
  value: string,
  children: TraceNode[] = [],
): TraceNode {
  return { id, description, citation, value, children };
}

/** Flattens a trace tree in computation order: every value after the values it was computed from. */
export function flattenTrace(root: TraceNode): TraceStep[] {
  const out: TraceStep[] = [];
  const visit = (n: TraceNode): void => {
    for (const c of n.children) visit(c);
    out.push({ id: n.id, description: n.description, citation: n.citation, value: n.value });
  };
  visit(root);
  return out;
}
