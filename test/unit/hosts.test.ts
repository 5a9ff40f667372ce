import { describe, expect, it } from 'vitest';
import { myDomainHostFor, orgIdOfSession, prospectFromAeUrl } from '../../src/core/hosts';

describe('which host the REST calls go to', () => {
  it('maps Lightning hosts to their My Domain host, sandboxes and government clouds included', () => {
    expect(myDomainHostFor('acme.lightning.force.com')).toBe('acme.my.salesforce.com');
    expect(myDomainHostFor('acme--uat.sandbox.lightning.force.com')).toBe('acme--uat.sandbox.my.salesforce.com');
    expect(myDomainHostFor('agency.lightning.force.mil')).toBe('agency.my.salesforce.mil');
    expect(myDomainHostFor('acme.my.salesforce-setup.com')).toBe('acme.my.salesforce.com');
    expect(myDomainHostFor('acme.my.salesforce.com')).toBe('acme.my.salesforce.com');
  });

  it('refuses hosts outside the Salesforce family', () => {
    expect(myDomainHostFor('evil.example')).toBeNull();
    expect(myDomainHostFor('lightning.force.com.evil.example')).toBeNull();
  });
});

describe('links between the two records', () => {
  it("reads the prospect id from a record's pi__url__c", () => {
    expect(prospectFromAeUrl('https://pi.pardot.com/prospect/read?id=1001')).toEqual({
      aeHost: 'pi.pardot.com',
      prospectId: 1001,
    });
    expect(prospectFromAeUrl('https://pi.demo.pardot.com/prospect/read/id/7')).toEqual({
      aeHost: 'pi.demo.pardot.com',
      prospectId: 7,
    });
    expect(prospectFromAeUrl('https://evil.example/prospect/read?id=1')).toBeNull();
    expect(prospectFromAeUrl(null)).toBeNull();
  });

  it('tells orgs apart by the org id at the start of a session id', () => {
    expect(orgIdOfSession('00D5g000004SbOx!AQEAQ')).toBe('00D5g000004SbOx');
    expect(orgIdOfSession('nonsense')).toBeNull();
  });
});
