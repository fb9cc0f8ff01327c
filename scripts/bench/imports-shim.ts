/**
 * What `#imports` gives lib/ code in the Node benchmark. WXT makes that module up inside its Vite
 * plugins; plain Node has no such module, so the round's imports are pointed here instead.
 */
export { browser } from 'wxt/browser';
export { storage } from 'wxt/utils/storage';
