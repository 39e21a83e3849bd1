import adminEn from '../admin/locales/en.json';
import adminZh from '../admin/locales/zh-CN.json';
import auditLogEn from '../audit-log/locales/en.json';
import auditLogZh from '../audit-log/locales/zh-CN.json';
import authEn from '../auth/locales/en.json';
import authZh from '../auth/locales/zh-CN.json';
import casesEn from '../cases/locales/en.json';
import casesZh from '../cases/locales/zh-CN.json';
import commonEn from '../common/locales/en.json';
import commonZh from '../common/locales/zh-CN.json';
import dashboardEn from '../dashboard/locales/en.json';
import dashboardZh from '../dashboard/locales/zh-CN.json';
import evaluationsEn from '../evaluations/locales/en.json';
import evaluationsZh from '../evaluations/locales/zh-CN.json';
import findingsEn from '../findings/locales/en.json';
import findingsZh from '../findings/locales/zh-CN.json';
import firmsEn from '../firms/locales/en.json';
import firmsZh from '../firms/locales/zh-CN.json';
import inspectionsEn from '../inspections/locales/en.json';
import inspectionsZh from '../inspections/locales/zh-CN.json';
import schedulesEn from '../schedules/locales/en.json';
import schedulesZh from '../schedules/locales/zh-CN.json';
import workEn from '../work/locales/en.json';
import workZh from '../work/locales/zh-CN.json';

/**
 * Every visible string, by feature (one namespace per feature folder, `<feature>/locales/{zh-CN,en}.json`).
 * English is the type of record: a key used in code but missing from a catalogue does not compile, and
 * i18n/catalogues.spec.ts fails when the two languages' keys differ.
 */
export const resources = {
  en: {
    common: commonEn,
    auth: authEn,
    work: workEn,
    dashboard: dashboardEn,
    firms: firmsEn,
    inspections: inspectionsEn,
    findings: findingsEn,
    cases: casesEn,
    evaluations: evaluationsEn,
    auditLog: auditLogEn,
    schedules: schedulesEn,
    admin: adminEn,
  },
  'zh-CN': {
    common: commonZh,
    auth: authZh,
    work: workZh,
    dashboard: dashboardZh,
    firms: firmsZh,
    inspections: inspectionsZh,
    findings: findingsZh,
    cases: casesZh,
    evaluations: evaluationsZh,
    auditLog: auditLogZh,
    schedules: schedulesZh,
    admin: adminZh,
  },
} as const;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
