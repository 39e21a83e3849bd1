import { ParameterSet, type ParameterFile } from '../../core/parameters';
import parameters from './parameters.json';

/** The shared Administrative Penalty Law layer of every Chinese rulebook: limitation and discretion. */
export const CN_APL_PARAMETERS = new ParameterSet(parameters as unknown as ParameterFile);
/** Version of the shared layer, part of every Chinese rulebook's version. */
export const CN_APL_VERSION = parameters.version;
