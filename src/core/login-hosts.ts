/**
 * Where OAuth may sign in besides an org's My Domain: the host permissions in
 * manifest.json that no content script runs on (production's login host
 * first, then sandboxes'). The manifest is read here as text, a module of its
 * own: imported like hosts.ts imports it, the bundler would put the host
 * permissions into the chunk content scripts share with the worker, and every
 * page would carry them.
 */
import manifestText from '../../manifest.json?raw';
import { PAGE_HOSTS, patternHost } from './hosts';

const { host_permissions: granted } = JSON.parse(manifestText) as { host_permissions: string[] };

export const LOGIN_HOSTS: readonly string[] = granted
  .map(patternHost)
  .filter((host) => host && !PAGE_HOSTS.includes(host) && !host.startsWith('*.'));

export const isLoginHost = (host: string): boolean => LOGIN_HOSTS.includes(host);
