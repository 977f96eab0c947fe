// 'olm-universal/native': the native addon only, for Node. init() fails (with what to do) where
// the addon does not load, rather than falling back.
import './backends/register-native.js';
import { pinnedTo } from './entry/one-backend.js';

export * from './api/library.js';
/** Loads the native addon and makes it the backend the exported classes use. */
export const { init, load } = pinnedTo('native');
