/**
 * A batch incident, on request: N linked pairs opted out at once, as when a
 * link scanner or mail security gateway "clicks" every unsubscribe link of a
 * campaign (Salesforce Help 000383884: https://help.salesforce.com/s/articleView?id=000383884&type=1) or recipients use one-click
 * List-Unsubscribe (Help 000381510: https://help.salesforce.com/s/articleView?id=000381510&type=1). Account Engagement's unsubscribe checks
 * the prospect's Opted Out, and the connector's next sync carries it to Email
 * Opt Out ("Sync Behavior for Opted Out", Help). The pairs are left as an
 * admin finds them afterwards: opted out on both sides, synced. The prospect's
 * opt-out activity is not drawn here yet.
 */
import type { Sandbox } from './sandbox';

export function seedIncident(sandbox: Sandbox, count: number): { prospectIds: number[]; emails: string[] } {
  const linked = [...sandbox.org.prospects.values()].filter(
    (p) =>
      !p.isDeleted &&
      (p.salesforceContactId || p.salesforceLeadId) &&
      sandbox.org.records.has(p.salesforceContactId ?? p.salesforceLeadId ?? ''),
  );
  const chosen = linked.slice(0, Math.max(0, count));
  for (const prospect of chosen) sandbox.optOutPair(prospect.id);
  sandbox.record({ kind: 'control', note: `incident: ${chosen.length} pairs opted out through the unsubscribe link` });
  return { prospectIds: chosen.map((p) => p.id), emails: chosen.map((p) => p.email) };
}
