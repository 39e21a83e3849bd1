import { existsSync } from 'node:fs';
import { DomainError } from '@app/common';
import { CaseFileErrorCode } from '../case-files.errors';

/** Paths of the two faces embedded in every case file. */
export interface CaseFileFonts {
  regular: string;
  bold: string;
}

const PACKAGE = '@expo-google-fonts/noto-sans-sc';

/**
 * Finds Noto Sans SC (SIL OFL 1.1) in node_modules. Fonts come from an npm package so a fresh install has
 * them and nothing is downloaded while rendering; pdfkit embeds only the glyphs a file uses.
 */
export function resolveCaseFileFonts(): CaseFileFonts {
  const find = (file: string): string => {
    try {
      const path = require.resolve(`${PACKAGE}/${file}`);
      if (existsSync(path)) return path;
    } catch {
      // fall through to the error below
    }
    throw new DomainError(CaseFileErrorCode.FontMissing, `font ${PACKAGE}/${file} is not installed`, {
      package: PACKAGE,
      file,
    });
  };
  return {
    regular: find('400Regular/NotoSansSC_400Regular.ttf'),
    bold: find('700Bold/NotoSansSC_700Bold.ttf'),
  };
}
