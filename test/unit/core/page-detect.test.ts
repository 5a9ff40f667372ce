import { describe, expect, it } from 'vitest';
import { allDetections, detectPage, type PageKind, samePage } from '../../../src/core/page-detect';
import { pageExamples } from './page-detect.examples';

const kinds = Object.keys(pageExamples).filter((kind) => kind !== 'none') as PageKind[];

describe('every listed URL is recognised as its own page kind and no other', () => {
  for (const kind of kinds) {
    it(`${kind} has real URL examples`, () => {
      expect(pageExamples[kind].length).toBeGreaterThan(2);
    });
    for (const url of pageExamples[kind]) {
      it(`${kind}: ${url}`, () => {
        expect(detectPage(url)?.kind).toBe(kind);
        // Every detector sees it, and only its own says yes.
        expect(allDetections(url).map((page) => page.kind)).toEqual([kind]);
      });
    }
  }
  for (const url of pageExamples.none) {
    it(`no overlay on ${url || '(empty)'}`, () => {
      expect(detectPage(url)).toBeNull();
      expect(allDetections(url)).toEqual([]);
    });
  }
});

describe('what a recognised page names', () => {
  it('reads the prospect id from both AE URL forms', () => {
    expect(detectPage('https://pi.pardot.com/prospect/read?id=123')).toEqual({
      kind: 'ae-prospect',
      host: 'pi.pardot.com',
      prospectId: 123,
    });
    expect(detectPage('https://pi.demo.pardot.com/prospect/read/id/77#x')).toEqual({
      kind: 'ae-prospect',
      host: 'pi.demo.pardot.com',
      prospectId: 77,
    });
  });

  it('always gives the 18-character record id, from Lightning and Classic alike', () => {
    const lightning = detectPage('https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view');
    const classic = detectPage('https://acme.my.salesforce.com/0035g00000AbCdE');
    expect(lightning).toEqual({
      kind: 'salesforce-record',
      host: 'acme.lightning.force.com',
      object: 'Contact',
      recordId: '0035g00000AbCdEAAV',
      ui: 'lightning',
    });
    expect(classic).toMatchObject({ object: 'Contact', recordId: '0035g00000AbCdEAAV', ui: 'classic' });
  });

  it('tells a Lead from a Contact by its key prefix on Classic pages', () => {
    expect(detectPage('https://acme.my.salesforce.com/00Q5g00000XyZ12')).toMatchObject({ object: 'Lead' });
  });

  it('treats two detections of one record as the same page, and another record as different', () => {
    const a = detectPage('https://pi.pardot.com/prospect/read?id=5');
    const b = detectPage('https://pi.pardot.com/prospect/read/id/5');
    const c = detectPage('https://pi.pardot.com/prospect/read/id/6');
    if (!a || !b || !c) throw new Error('examples must be detected');
    expect(samePage(a, b)).toBe(true);
    expect(samePage(a, c)).toBe(false);
  });
});
