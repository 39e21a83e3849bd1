import type { CaptureAdapter, CaptureFormat } from './capture-adapter';
import { adaptCanonicalCapture } from './canonical';
import { adaptDahuaRecord } from './dahua';
import { adaptHikCentralRow } from './hikcentral';
import { adaptHikvisionPush, adaptHikvisionSearchItem } from './hikvision';
import { adaptZktecoAttlog, adaptZktecoRtlog } from './zkteco';

/** The adapter of each capture format (one vendor record -> canonical capture fields or a skip). */
export const CAPTURE_ADAPTERS: Readonly<Record<CaptureFormat, CaptureAdapter>> = {
  'canonical-jsonl': adaptCanonicalCapture,
  'canonical-csv': adaptCanonicalCapture,
  'hikvision-acs-search': adaptHikvisionSearchItem,
  'hikvision-acs-push': adaptHikvisionPush,
  'hikcentral-csv': adaptHikCentralRow,
  'dahua-recordfinder': adaptDahuaRecord,
  'zkteco-attlog': adaptZktecoAttlog,
  'zkteco-rtlog': adaptZktecoRtlog,
};
