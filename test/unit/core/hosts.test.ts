import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aeAppUrl, prospectInAeApp } from '../../../src/core/ae-app';
import {
  AE_HOSTS,
  aePageHost,
  isAeHost,
  isLightningHost,
  isMyDomainHost,
  myDomainName,
  orgIdOfSession,
  PROXY_SUFFIXES,
  proxySuffixOf,
  unproxiedHost,
} from '../../../src/core/hosts';
import { backLinkOf, recordLinkOf } from '../../../src/core/links';
import { isLoginHost, LOGIN_HOSTS } from '../../../src/core/login-hosts';

describe('the host families, as manifest.json names them', () => {
  it('knows the Account Engagement hosts, production first', () => {
    expect(AE_HOSTS).toEqual(['pi.pardot.com', 'pi.demo.pardot.com']);
    expect(isAeHost('go.pardot.com')).toBe(false);
  });

  it('tells My Domain hosts from Lightning hosts, sandboxes and government clouds included', () => {
    for (const host of ['acme.my.salesforce.com', 'acme--uat.sandbox.my.salesforce.com', 'agency.my.salesforce.mil']) {
      expect(isMyDomainHost(host), host).toBe(true);
      expect(isLightningHost(host), host).toBe(false);
    }
    for (const host of [
      'acme.lightning.force.com',
      'acme--uat.sandbox.lightning.force.com',
      'x.lightning.crmforce.mil',
    ]) {
      expect(isLightningHost(host), host).toBe(true);
      expect(isMyDomainHost(host), host).toBe(false);
    }
  });

  it('refuses look-alikes outside the family', () => {
    for (const host of [
      'evil.example',
      'lightning.force.com',
      'acme.lightning.force.com.evil.example',
      'a.b.c.my.salesforce.com',
    ]) {
      expect(isLightningHost(host) || isMyDomainHost(host), host).toBe(false);
    }
  });

  it('lets OAuth sign in only at the login hosts the manifest grants', () => {
    expect(isLoginHost('login.salesforce.com')).toBe(true);
    expect(isLoginHost('test.salesforce.com')).toBe(true);
    expect(isLoginHost('login.evil.example')).toBe(false);
    expect(isLoginHost('acme.my.salesforce.com')).toBe(false);
    expect(LOGIN_HOSTS[0]).toBe('login.salesforce.com');
  });

  it('is spelled nowhere in the product but manifest.json', () => {
    // A host written in code drifts from the manifest: the page would get a content
    // script the code does not recognise, or the reverse. Comments may name hosts.
    const family = /(?<![A-Za-z0-9-])(pardot|salesforce|salesforce-setup|force|crmforce)\.(com|mil)\b/;
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const spelled: string[] = [];
    for (const file of files) {
      const code = readFileSync(join('src', file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '');
      const match = family.exec(code);
      if (match) spelled.push(`${file}: ${match[0]}`);
    }
    expect(spelled).toEqual([]);
  });

  it('knows Salesforce behind Defender for Cloud Apps’ session proxy, by the suffixes Microsoft documents', () => {
    expect(PROXY_SUFFIXES).toEqual(['.mcas.ms', '.mcas-gov.us', '.mcas-gov.ms']);
    for (const suffix of PROXY_SUFFIXES) {
      expect(isMyDomainHost(`acme.my.salesforce.com${suffix}`), suffix).toBe(true);
      expect(isLightningHost(`acme--uat.sandbox.lightning.force.com${suffix}`), suffix).toBe(true);
      expect(proxySuffixOf(`acme.lightning.force.com${suffix}`)).toBe(suffix);
      expect(unproxiedHost(`acme.my.salesforce.com${suffix}`)).toBe('acme.my.salesforce.com');
    }
    expect(myDomainName('acme.lightning.force.com.mcas.ms')).toBe('acme');
    expect(proxySuffixOf('acme.my.salesforce.com')).toBeNull();
    expect(unproxiedHost('acme.my.salesforce.com')).toBe('acme.my.salesforce.com');
    for (const host of [
      'acme.my.salesforce.com.mcas.ms.evil.example',
      'acme.my.salesforce.com.evil.ms',
      'mcas.ms',
      'acme.evil.example.mcas.ms',
      'a.b.c.lightning.force.com.mcas.ms',
    ]) {
      expect(isMyDomainHost(host) || isLightningHost(host), host).toBe(false);
      expect(proxySuffixOf(host), host).toBeNull();
    }
  });

  it('knows Account Engagement’s pages behind the same proxy, and still calls the prospect AE’s', () => {
    for (const suffix of PROXY_SUFFIXES) {
      for (const aeHost of AE_HOSTS) {
        expect(isAeHost(`${aeHost}${suffix}`), suffix).toBe(true);
        expect(proxySuffixOf(`${aeHost}${suffix}`)).toBe(suffix);
        expect(unproxiedHost(`${aeHost}${suffix}`)).toBe(aeHost);
        // A job opens the page where the admin's session is: behind the proxy they came through.
        expect(aePageHost(aeHost, suffix)).toBe(`${aeHost}${suffix}`);
      }
    }
    expect(aePageHost('pi.pardot.com', null)).toBe('pi.pardot.com');
    expect(aePageHost('pi.pardot.com', '.evil.example')).toBe('pi.pardot.com');
    expect(aePageHost('evil.example', '.mcas.ms')).toBe('evil.example');
    for (const host of ['go.pardot.com.mcas.ms', 'pi.pardot.com.evil.ms', 'pi.pardot.com.mcas.ms.evil.example']) {
      expect(isAeHost(host), host).toBe(false);
      expect(proxySuffixOf(host), host).toBeNull();
      expect(unproxiedHost(host), host).toBe(host);
    }
  });

  it('names the My Domain a Lightning host belongs to', () => {
    expect(myDomainName('acme.lightning.force.com')).toBe('acme');
    expect(myDomainName('acme--uat.sandbox.lightning.force.com')).toBe('acme--uat.sandbox');
    expect(myDomainName('acme--uat.sandbox.my.salesforce.com')).toBe('acme--uat.sandbox');
    expect(myDomainName('evil.example')).toBeNull();
  });

  it('tells orgs apart by the org id at the start of a session id', () => {
    expect(orgIdOfSession('00D5g000004SbOx!AQEAQ')).toBe('00D5g000004SbOx');
    expect(orgIdOfSession('nonsense')).toBeNull();
  });
});

describe('links between the two records', () => {
  it("reads the prospect from a record's pi__url__c, written with http:// as Account Engagement does", () => {
    expect(backLinkOf('http://pi.pardot.com/prospect/read?id=1001')).toEqual({
      kind: 'prospect',
      aeHost: 'pi.pardot.com',
      prospectId: 1001,
    });
    expect(backLinkOf('https://pi.demo.pardot.com/prospect/read/id/7')).toEqual({
      kind: 'prospect',
      aeHost: 'pi.demo.pardot.com',
      prospectId: 7,
    });
  });

  it('reads a back-link seen through Defender for Cloud Apps’ proxy as the prospect at AE’s own host', () => {
    expect(backLinkOf('https://pi.pardot.com.mcas.ms/prospect/read?id=1001')).toEqual({
      kind: 'prospect',
      aeHost: 'pi.pardot.com',
      prospectId: 1001,
    });
    expect(backLinkOf('http://pi.demo.pardot.com.mcas-gov.us/prospect/read/id/7')).toMatchObject({
      aeHost: 'pi.demo.pardot.com',
    });
  });

  it('finds the record an AE page behind the proxy links to, at the proxied host its session is valid for', () => {
    expect(
      recordLinkOf('https://acme.lightning.force.com.mcas.ms/lightning/r/Contact/0035g00000AbCdEAAV/view'),
    ).toEqual({ host: 'acme.lightning.force.com.mcas.ms', object: 'Contact', recordId: '0035g00000AbCdEAAV' });
  });

  it('calls an empty back-link none, and one it cannot read unknown (never a mismatch)', () => {
    expect(backLinkOf(null)).toEqual({ kind: 'none' });
    expect(backLinkOf('  ')).toEqual({ kind: 'none' });
    expect(backLinkOf('https://evil.example/prospect/read?id=1')).toEqual({ kind: 'unknown' });
    expect(backLinkOf('pi.pardot.com/prospect/read?id=1')).toEqual({ kind: 'unknown' });
  });

  it('finds the Lead or Contact a link on the prospect page points to, in every URL form', () => {
    const contact = { host: 'acme.my.salesforce.com', object: 'Contact', recordId: '0035g00000AbCdEAAV' };
    expect(recordLinkOf('https://acme.my.salesforce.com/0035g00000AbCdE')).toEqual(contact);
    expect(recordLinkOf('https://acme.my.salesforce.com/0035g00000AbCdEAAV')).toEqual(contact);
    expect(recordLinkOf('https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000XyZ12EAF/view')).toMatchObject({
      host: 'acme.lightning.force.com',
      object: 'Lead',
    });
  });

  it('ignores links that are not a Lead or Contact on a Salesforce host', () => {
    expect(recordLinkOf('https://acme.my.salesforce.com/0015g00000AbCdE')).toBeNull();
    expect(recordLinkOf('https://acme.my.salesforce.com/0035g00000AbCdEAAA')).toBeNull();
    expect(recordLinkOf('https://evil.example/0035g00000AbCdE')).toBeNull();
    expect(recordLinkOf('http://acme.my.salesforce.com/0035g00000AbCdE')).toBeNull();
    expect(recordLinkOf('/prospect/read?id=5', 'https://pi.pardot.com/')).toBeNull();
  });

  it('reads the prospect the Account Engagement Lightning app shows, as a job opens it, and nothing else', () => {
    const app = aeAppUrl('acme.lightning.force.com', '/prospect/read?id=1001');
    expect(prospectInAeApp(app)).toEqual({ lightningHost: 'acme.lightning.force.com', prospectId: 1001 });
    expect(prospectInAeApp(aeAppUrl('acme.lightning.force.com', '/connector/edit/id/1'))).toBeNull();
    expect(prospectInAeApp(app.replace('acme.lightning.force.com', 'evil.example'))).toBeNull();
    expect(
      prospectInAeApp(aeAppUrl('acme.lightning.force.com', 'https://evil.example/prospect/read?id=1001')),
    ).toBeNull();
    expect(prospectInAeApp('not a url')).toBeNull();
  });
});
