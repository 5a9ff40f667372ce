/**
 * The paths of the pages the extension works on, by host family. The
 * detectors (page-detect.ts) match them fully; the content scripts' entries
 * use them first, so a page of another path loads nothing more than this.
 */
export const PATHS = {
  aeProspect: /^\/prospect\/read(?:\/id\/([^/]+))?\/*$/,
  aeConnectorSettings: /^\/connector(?:\/|$)/,
  aeFieldSettings: /^\/prospectFieldDefault(?:\/|$)/,
  lightningRecord: /^\/lightning\/r\/(Contact|Lead|Account)\/([a-zA-Z0-9]{15,18})(\/[^?#]*)?$/,
  classicRecord: /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})$/,
};

/** Could this AE page be one of ours? */
export const mayBeAePage = (path: string): boolean =>
  PATHS.aeProspect.test(path) || PATHS.aeConnectorSettings.test(path) || PATHS.aeFieldSettings.test(path);

/** Could this Salesforce page be a Lead, Contact or (person) Account record? */
export const mayBeRecordPage = (path: string): boolean =>
  PATHS.lightningRecord.test(path) || PATHS.classicRecord.test(path);
