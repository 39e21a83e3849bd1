import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Request } from 'express';
import multer, { type StorageEngine } from 'multer';
import yauzl from 'yauzl';
import { listZipEntries } from '@app/ingestion';
import { API_ERRORS } from '../api.errors';
import { apiError } from '../problem/problem';

/** 413 naming the limit. */
export function tooLarge(max: number): Error {
  return apiError(API_ERRORS.UPLOAD_TOO_LARGE, `the upload is larger than the limit of ${max} bytes`, {
    max,
  });
}

/** Counts the bytes passing through and fails once they exceed `max` (a body without Content-Length). */
function byteLimit(max: number, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > max) done(tooLarge(max));
      else done(null, chunk);
    },
  });
}

/**
 * A relative path inside the upload folder, or null when the name is absolute or climbs out with `..`
 * (a client's file name is never trusted as a path).
 */
export function safeRelativePath(name: string): string | null {
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[A-Za-z]:/.test(normalised)) return null;
  const parts = normalised.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || p.includes('\0'))) return null;
  return parts.join('/');
}

/**
 * Streams an `application/zip` request body to `zipPath` (never held in memory), refusing it with 413 past
 * `max` bytes — early from Content-Length, else while streaming.
 */
export async function receiveZipBody(req: Request, zipPath: string, max: number): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    throw tooLarge(max);
  }
  await mkdir(path.dirname(zipPath), { recursive: true });
  await pipeline(req, byteLimit(max, { bytes: 0 }), createWriteStream(zipPath));
}

/**
 * Expands an uploaded zip into `folder`, after the ingestion lib's archive checks (path traversal, declared
 * sizes and ratios, entry count, links, nested archives: INGEST.ARCHIVE_UNSAFE); yauzl then refuses any entry
 * that inflates to more than it declared, so a lying header cannot get past the declared limits.
 */
export async function expandZip(zipPath: string, folder: string): Promise<void> {
  const entries = await listZipEntries(zipPath, 'upload.zip');
  const wanted = new Set(entries.map((e) => e.name));
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const rel = wanted.has(entry.fileName) ? safeRelativePath(entry.fileName) : null;
        if (rel === null) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const target = path.join(folder, rel);
          mkdir(path.dirname(target), { recursive: true })
            .then(() => pipeline(stream, createWriteStream(target, { flags: 'wx' })))
            .then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/**
 * Multer storage that writes each multipart file under `folder` at the relative path its name gives
 * (`captures/day1.csv`), streaming, and fails the request once all files together exceed `max` bytes.
 */
export function folderStorage(folder: string, max: number): StorageEngine {
  const counter = { bytes: 0 };
  return {
    _handleFile(_req, file, cb) {
      const rel = safeRelativePath(file.originalname);
      if (rel === null) {
        file.stream.resume();
        cb(
          apiError(
            API_ERRORS.BAD_UPLOAD,
            `file name "${file.originalname}" is not a relative path inside the folder`,
          ),
        );
        return;
      }
      const target = path.join(folder, rel);
      mkdir(path.dirname(target), { recursive: true })
        .then(() =>
          pipeline(file.stream, byteLimit(max, counter), createWriteStream(target, { flags: 'wx' })),
        )
        .then(
          () => cb(null, { path: target, size: counter.bytes }),
          (err: unknown) => {
            const e = err as NodeJS.ErrnoException;
            cb(e.code === 'EEXIST' ? apiError(API_ERRORS.BAD_UPLOAD, `file "${rel}" sent twice`) : e);
          },
        );
    },
    _removeFile(_req, file, cb) {
      cb(null);
      void file;
    },
  };
}

/** Receives `multipart/form-data` files into `folder`; resolves with how many files arrived. */
export async function receiveMultipart(req: Request, folder: string, max: number): Promise<number> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    throw tooLarge(max);
  }
  await mkdir(folder, { recursive: true });
  const upload = multer({
    storage: folderStorage(folder, max),
    preservePath: true,
    limits: { fileSize: max, files: 10_000, fields: 20, fieldSize: 64 * 1024 },
  }).any();
  await new Promise<void>((resolve, reject) =>
    upload(req, req.res!, (err: unknown) => {
      if (!err) return resolve();
      const m = err as { code?: string; name?: string };
      if (m.name === 'MulterError' && m.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(max));
      if (m.name === 'MulterError') {
        return reject(apiError(API_ERRORS.BAD_UPLOAD, `multipart upload refused: ${m.code}`));
      }
      reject(err instanceof Error ? err : new Error(`multipart upload failed: ${JSON.stringify(err)}`));
    }),
  );
  return (req.files as unknown[] | undefined)?.length ?? 0;
}
