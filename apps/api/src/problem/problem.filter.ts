import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problemOf, type Problem } from './problem';

export const PROBLEM_JSON = 'application/problem+json';

/** Writes a problem document (also used outside Nest's pipeline, by the body parsers). */
export function sendProblem(res: Response, problem: Problem): void {
  if (res.headersSent) {
    // A streamed response (server-sent events) already started: it can only be ended.
    res.end();
    return;
  }
  res.status(problem.status).setHeader('Content-Type', PROBLEM_JSON);
  res.send(JSON.stringify(problem));
}

/** Every error a request raises becomes application/problem+json (RFC 9457); bugs are logged, not shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = problemOf(exception, req.originalUrl ?? req.url);
    if (problem.status >= 500) {
      this.logger.error(
        `${req.method} ${req.originalUrl}: ${problem.code}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    sendProblem(res, problem);
  }
}
