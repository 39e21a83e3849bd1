import { generateKeyPairSync } from 'node:crypto';
import * as path from 'node:path';
import { loadConfig, describeConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./.bioaudit', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({
      kind: 'embedded',
      dataDir: path.resolve('.bioaudit', 'db'),
      sharedBuffersMb: 32,
    });
    expect(c.redis).toBeNull();
  });

  it("sizes the embedded engine's shared buffers from BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB, refusing too little", () => {
    expect(loadConfig({ BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB: '128' }).database).toMatchObject({
      sharedBuffersMb: 128,
    });
    expect(() => loadConfig({ BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB: '8' })).toThrow(
      /BIOAUDIT_EMBEDDED_SHARED_BUFFERS_MB/,
    );
  });

  it('switches to PostgreSQL and Redis by URL and redacts their passwords', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:secret@localhost/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BIOAUDIT_HOME: '/tmp/x',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:secret@localhost/db' });
    expect(c.home).toBe('/tmp/x');
    expect(JSON.stringify(describeConfig(c))).not.toContain('secret');
  });

  it('reads the master keys, defaults the key file into the home, and never describes a key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const old = Buffer.alloc(32, 9).toString('base64');
    const c = loadConfig({
      BIOAUDIT_HOME: '/tmp/x',
      BIOAUDIT_MASTER_KEY: key,
      BIOAUDIT_PREVIOUS_MASTER_KEYS: old,
    });
    expect(c.keys).toEqual({
      masterKey: key,
      previousMasterKeys: [old],
      keyFile: '/tmp/x/master.key',
      signingKey: null,
      signingKeyFile: '/tmp/x/signing.key',
    });
    const described = JSON.stringify(describeConfig(c));
    expect(described).not.toContain(key);
    expect(described).not.toContain(old);
    expect(loadConfig({ BIOAUDIT_MASTER_KEY_FILE: '/keys/bioaudit.key' }).keys).toMatchObject({
      masterKey: null,
      keyFile: '/keys/bioaudit.key',
    });
    expect(() => loadConfig({ BIOAUDIT_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/BIOAUDIT_MASTER_KEY/);
  });

  it('reads the signing key (PEM), keeps its key file beside the master key file, and never describes it', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const c = loadConfig({ BIOAUDIT_SIGNING_KEY: pem, BIOAUDIT_MASTER_KEY_FILE: '/keys/bioaudit.key' });
    expect(c.keys).toMatchObject({ signingKey: pem, signingKeyFile: '/keys/signing.key' });
    const described = JSON.stringify(describeConfig(c));
    expect(described).not.toContain('PRIVATE KEY');
    expect(described).toContain('"signingKey":"***"');
    expect(() => loadConfig({ BIOAUDIT_SIGNING_KEY: 'not a key!' })).toThrow(/BIOAUDIT_SIGNING_KEY/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', REDIS_URL: 'http://y', PORT: '99999' })).toThrow(
      /DATABASE_URL.*REDIS_URL.*PORT|DATABASE_URL.*PORT.*REDIS_URL/,
    );
  });

  it('marks case files as drafts, with one warning naming every unset variable, while the authority is a placeholder', () => {
    const c = loadConfig({});
    expect(c.caseFile).toEqual({ languages: ['zh'], draft: true });
    expect(c.authority.unset).toEqual([
      'BIOAUDIT_AUTHORITY_ZH',
      'BIOAUDIT_AUTHORITY_REGION_CODE',
      'BIOAUDIT_AUTHORITY_REGION_ZH',
      'BIOAUDIT_OFFICER_1',
      'BIOAUDIT_OFFICER_2',
      'BIOAUDIT_LEGAL_REVIEWER',
      'BIOAUDIT_AUTHORITY_HEAD',
    ]);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/drafts.*BIOAUDIT_AUTHORITY_ZH.*BIOAUDIT_AUTHORITY_HEAD/);
    expect(c.authority.name.zh).toContain('未配置');
  });

  it('reads the authority, its region, the officers and the languages from the environment', () => {
    const c = loadConfig({
      BIOAUDIT_AUTHORITY_ZH: '宁波市市场监督管理局',
      BIOAUDIT_AUTHORITY: 'Ningbo Administration for Market Regulation',
      BIOAUDIT_AUTHORITY_REGION_CODE: '330200',
      BIOAUDIT_AUTHORITY_REGION_ZH: '浙江省宁波市',
      BIOAUDIT_AUTHORITY_REGION: 'Ningbo, Zhejiang',
      BIOAUDIT_OFFICER_1: '王五; 33020019001',
      BIOAUDIT_OFFICER_2: '赵六;33020019002',
      BIOAUDIT_LEGAL_REVIEWER: '钱七',
      BIOAUDIT_AUTHORITY_HEAD: '孙八',
      BIOAUDIT_CASE_FILE_LANGUAGES: 'zh,en',
    });
    expect(c.warnings).toEqual([]);
    expect(c.caseFile).toEqual({ languages: ['zh', 'en'], draft: false });
    expect(c.authority).toEqual({
      name: { zh: '宁波市市场监督管理局', en: 'Ningbo Administration for Market Regulation' },
      region: { code: '330200', zh: '浙江省宁波市', en: 'Ningbo, Zhejiang' },
      address: null,
      officers: {
        handling: [
          { name: '王五', certificate: '33020019001' },
          { name: '赵六', certificate: '33020019002' },
        ],
        legalReviewer: '钱七',
        head: '孙八',
      },
      unset: [],
    });
  });

  it('rejects a bad region code, an officer without certificate and an unknown language, all at once', () => {
    expect(() =>
      loadConfig({
        BIOAUDIT_AUTHORITY_REGION_CODE: '3302',
        BIOAUDIT_OFFICER_1: '王五',
        BIOAUDIT_CASE_FILE_LANGUAGES: 'en',
      }),
    ).toThrow(/BIOAUDIT_AUTHORITY_REGION_CODE.*BIOAUDIT_OFFICER_1.*BIOAUDIT_CASE_FILE_LANGUAGES/);
  });
});
