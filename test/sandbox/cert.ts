import { generate } from 'selfsigned';

/** The host names the sandbox answers for; Chromium reaches them through --host-resolver-rules. */
const SANDBOX_HOSTS = [
  'pi.pardot.com',
  'pi.demo.pardot.com',
  '*.my.salesforce.com',
  '*.lightning.force.com',
  '*.sandbox.my.salesforce.com',
  '*.sandbox.lightning.force.com',
  '*.my.salesforce-setup.com',
  // Behind Defender for Cloud Apps' session proxy (test/sandbox/defender-proxy.ts).
  ...['.mcas.ms', '.mcas-gov.us', '.mcas-gov.ms'].flatMap((s) => [
    `*.my.salesforce.com${s}`,
    `*.lightning.force.com${s}`,
    `pi.pardot.com${s}`,
    `pi.demo.pardot.com${s}`,
  ]),
  'localhost',
];

/** A fresh self-signed certificate for every start: nothing secret is kept on disk. */
export async function makeCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'Opt-Out Sync Guard sandbox' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...SANDBOX_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
