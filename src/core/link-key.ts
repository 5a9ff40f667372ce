/**
 * A clicked link as an opaque key (FNV-1a, 32 bits): the scanner verdict counts different links of
 * an email, and the link's address, which may carry the prospect's tracking code, goes nowhere.
 * A module of its own: the page reader (content script) and the API reader (worker) both use it.
 */
export function linkKey(url: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) hash = Math.imul(hash ^ url.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
