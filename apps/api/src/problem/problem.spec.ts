import {
  BadRequestException,
  ForbiddenException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DomainError } from '@app/common';
import { problemOf, ValidationError } from './problem';
import { fieldErrors } from './validation';

describe('problemOf (RFC 9457 documents)', () => {
  it('maps a catalogued domain error to its status, keeping its code and message', () => {
    const p = problemOf(
      new DomainError('INGEST.ARCHIVE_UNSAFE', 'upload.zip: refused: ../evil'),
      '/api/inspections',
    );
    expect(p).toEqual({
      type: 'urn:bioaudit:problem:INGEST.ARCHIVE_UNSAFE',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'upload.zip: refused: ../evil',
      code: 'INGEST.ARCHIVE_UNSAFE',
      instance: '/api/inspections',
    });
  });

  it('carries the dates and the article a refusal rests on, and the field, but no other detail', () => {
    const late = problemOf(
      new DomainError('PROCEDURE.WINDOW_CLOSED', 'the window closed on 2026-02-24', {
        lastDay: '2026-02-24',
        basis: 'APL (2021) art. 64(1) with art. 85',
        caseId: '12',
      }),
      '/api/cases/12/actions/request-hearing',
    );
    expect(late).toMatchObject({
      status: 409,
      lastDay: '2026-02-24',
      basis: 'APL (2021) art. 64(1) with art. 85',
    });
    expect(late).not.toHaveProperty('caseId');
    const bad = problemOf(
      new DomainError('PROCEDURE.INVALID_INPUT', 'amount above the notified amount', {
        field: 'amountMinor',
        notifiedMinor: 25_000_000,
      }),
      '/api/cases/12/actions/decide',
    );
    expect(bad).toMatchObject({
      status: 422,
      errors: [{ field: 'amountMinor', message: 'amount above the notified amount' }],
    });
    expect(bad).not.toHaveProperty('notifiedMinor');
  });

  it('answers 500 for a code no catalogue lists, naming the code but not the message', () => {
    const p = problemOf(new DomainError('SOMEWHERE.NEW', 'secret internals /var/lib/x'), '/api/x');
    expect(p).toMatchObject({ status: 500, code: 'SOMEWHERE.NEW', detail: 'internal error' });
  });

  it('never shows a bug: any other error is 500 "internal error", no message, no stack', () => {
    const e = new Error('connection string postgres://u:p@h/db');
    const p = problemOf(e, '/api/firms');
    expect(p).toEqual({
      type: 'urn:bioaudit:problem:API.INTERNAL',
      title: 'Internal Server Error',
      status: 500,
      detail: 'internal error',
      code: 'API.INTERNAL',
      instance: '/api/firms',
    });
    expect(JSON.stringify(p)).not.toContain('postgres://');
    expect(JSON.stringify(p)).not.toContain('at ');
  });

  it('names each field of a validation failure (422)', () => {
    const p = problemOf(
      new ValidationError([
        { field: 'limit', message: 'limit must not be greater than 500' },
        { field: 'period', message: 'period is not a valid date range' },
      ]),
      '/api/findings?limit=900',
    );
    expect(p.status).toBe(422);
    expect(p.code).toBe('API.VALIDATION');
    expect(p.errors).toEqual([
      { field: 'limit', message: 'limit must not be greater than 500' },
      { field: 'period', message: 'period is not a valid date range' },
    ]);
  });

  it('turns Nest HTTP refusals into problems with API codes', () => {
    expect(problemOf(new NotFoundException('Cannot GET /api/nope'), '/api/nope')).toMatchObject({
      status: 404,
      code: 'API.ROUTE_NOT_FOUND',
      detail: 'Cannot GET /api/nope',
    });
    expect(problemOf(new UnauthorizedException(), '/')).toMatchObject({
      status: 401,
      code: 'API.UNAUTHENTICATED',
    });
    expect(problemOf(new ForbiddenException(), '/')).toMatchObject({ status: 403, code: 'API.FORBIDDEN' });
    expect(problemOf(new BadRequestException(['a', 'b']), '/')).toMatchObject({
      status: 400,
      code: 'API.BAD_REQUEST',
      detail: 'a; b',
    });
  });

  it('turns body-parser refusals into problems (bad JSON 400, too large 413)', () => {
    const parse = Object.assign(new Error('Unexpected token'), {
      status: 400,
      type: 'entity.parse.failed',
      expose: true,
    });
    expect(problemOf(parse, '/')).toMatchObject({ status: 400, code: 'API.BAD_REQUEST' });
    const big = Object.assign(new Error('too large'), {
      status: 413,
      type: 'entity.too.large',
      expose: true,
    });
    expect(problemOf(big, '/')).toMatchObject({ status: 413, code: 'API.UPLOAD_TOO_LARGE' });
  });
});

describe('fieldErrors', () => {
  it('flattens nested class-validator errors into dotted field paths', () => {
    expect(
      fieldErrors([
        {
          property: 'claim',
          children: [{ property: 'fmr', constraints: { isNumber: 'fmr must be a number' }, children: [] }],
        },
        { property: 'limit', constraints: { min: 'limit must not be less than 1' }, children: [] },
      ]),
    ).toEqual([
      { field: 'claim.fmr', message: 'fmr must be a number' },
      { field: 'limit', message: 'limit must not be less than 1' },
    ]);
  });
});
