import type { ProcedureDocumentInput } from '@app/case-files';

/** Renders a procedure document to PDF bytes (@app/case-files' renderProcedureDocument, injected). */
export abstract class ProcedureDocumentRenderer {
  abstract render(input: ProcedureDocumentInput): Promise<Buffer>;
}
