// 'olm-universal/native': the native addon only, for Node. init() fails (with what to do) where
// the addon does not load, rather than falling back.
import './backends/register-native.js';
import { pinnedTo } from './entry/one-backend.js';

export * from './api/library.js';
/**
 * init() loads the native addon and makes it the backend the exported classes use; load() loads it without
 * changing the default (see init and load of the main entry point).
 *
 * @throws TypeError when `backend` is other than 'auto' or 'native', or as the main entry point's init() and
 *   load()
 * @throws Error when the native addon does not load
 */
export const { init, load } = pinnedTo('native');
