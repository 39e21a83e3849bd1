import type { ArgumentsHost } from '@nestjs/common';
import { Logger, NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/common';
import { ProblemFilter } from './problem.filter';

/** A response that records what the filter wrote. */
function fakeHost(url: string) {
  const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return res;
    },
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return res;
    },
    send(body: string) {
      sent.body = body;
      return res;
    },
    end() {
      return res;
    },
  };
  const req = { method: 'GET', originalUrl: url, url };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemFilter', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes application/problem+json with the status of the code', () => {
    const { host, sent } = fakeHost('/api/batches/7');
    new ProblemFilter().catch(new DomainError('INGEST.BATCH_NOT_FOUND', 'No ingest batch 7'), host);
    expect(sent.status).toBe(404);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(sent.body!)).toEqual({
      type: 'urn:bioaudit:problem:INGEST.BATCH_NOT_FOUND',
      title: 'Not Found',
      status: 404,
      detail: 'No ingest batch 7',
      code: 'INGEST.BATCH_NOT_FOUND',
      instance: '/api/batches/7',
    });
  });

  it('logs a bug with its stack for the operator and answers 500 without it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost('/api/firms');
    new ProblemFilter().catch(new TypeError('cannot read x of undefined'), host);
    expect(sent.status).toBe(500);
    expect(sent.body).not.toContain('cannot read');
    expect(logged).toHaveBeenCalledWith('GET /api/firms: API.INTERNAL', expect.stringContaining('TypeError'));
  });

  it('does not log refusals (4xx)', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = fakeHost('/api/nope');
    new ProblemFilter().catch(new NotFoundException('Cannot GET /api/nope'), host);
    expect(sent.status).toBe(404);
    expect(logged).not.toHaveBeenCalled();
  });
});
