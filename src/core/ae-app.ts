/**
 * The Account Engagement Lightning app: the Salesforce page that frames an AE
 * page, given by its path. Its own module, so the content scripts' shared
 * chunks do not carry what only the worker uses.
 */
import { AE_HOSTS, isLightningHost } from './hosts';
import { detectPage } from './page-detect';

/**
 * The Account Engagement Lightning app, which frames an AE page given by its path
 * (`/lightning/page/pardot/prospect?pardot__path=%2Fprospect%2Fread%3Fid%3D1001`).
 */
export const aeAppUrl = (lightningHost: string, aePath: string): string =>
  `https://${lightningHost}/lightning/page/pardot/prospect?pardot__path=${encodeURIComponent(aePath)}`;

/** The prospect an Account Engagement Lightning app URL shows in its frame, or null. */
export function prospectInAeApp(url: string): { lightningHost: string; prospectId: number } | null {
  try {
    const app = new URL(url);
    const inner = app.searchParams.get('pardot__path');
    if (!isLightningHost(app.hostname) || !app.pathname.startsWith('/lightning/page/pardot/') || !inner) return null;
    // The app frames the org's own AE host; only the path says which prospect.
    const framed = detectPage(new URL(inner, `https://${AE_HOSTS[0]}`).href);
    return framed?.kind === 'ae-prospect' ? { lightningHost: app.hostname, prospectId: framed.prospectId } : null;
  } catch {
    return null;
  }
}
