// 'olm-universal/native': the native addon only, for Node. init() fails (with what to do) where
// the addon does not load, rather than falling back.
import './native-loader.js';
import { pinnedTo } from './pinned.js';

export * from './index.js';
/** Loads the native addon and makes it the backend the exported classes use. */
export const { init, load } = pinnedTo('native');
