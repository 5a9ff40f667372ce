/**
 * Salesforce id helpers for the sandbox. Written here on purpose rather than
 * imported from src/: the sandbox is the test oracle and must not share code
 * with the product it judges.
 */
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function id18(id: string): string | null {
  if (!/^[a-zA-Z0-9]+$/.test(id) || (id.length !== 15 && id.length !== 18)) return null;
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let flags = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(base[chunk + i] ?? '')) flags += 2 ** i;
    suffix += SUFFIX[flags];
  }
  if (id.length === 18 && id.slice(15).toUpperCase() !== suffix) return null;
  return base + suffix;
}

export function makeId(prefix: string, serial: number): string {
  const body = String(serial).padStart(15 - prefix.length - 6, '0');
  const id = `${prefix}5g0000${body}`.slice(0, 15);
  return id18(id) as string;
}
