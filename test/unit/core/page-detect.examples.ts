/**
 * Real URLs for each page kind the detectors in src/core/page-detect.ts recognise, and URLs they
 * must not recognise. Kept here, out of src/, so no bundle can carry them
 * (test/unit/build/bundle.test.ts checks the built detector does not). page-detect.test.ts runs every
 * URL against every detector: a URL listed for one kind must match it and no other.
 */
import type { PageKind } from '../../../src/core/page-detect';

export const pageExamples: Record<PageKind | 'none', string[]> = {
  'ae-prospect': [
    'https://pi.pardot.com/prospect/read?id=123',
    'https://pi.pardot.com/prospect/read/id/123',
    'https://pi.pardot.com/prospect/read/id/123/',
    'https://pi.demo.pardot.com/prospect/read?id=98765432',
    'https://pi.pardot.com/prospect/read?id=123&sfdc_lightning=1#activities',
    'https://pi.pardot.com/prospect/read?sessionid=x&id=42',
  ],
  'salesforce-record': [
    // Lightning
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view',
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000XyZ12EAF/view?ws=%2Flightning%2Fr%2FLead',
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000XyZ12EAF/edit',
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://defense.lightning.crmforce.mil/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/related/Opportunities/view',
    // Behind Microsoft Defender for Cloud Apps' session proxy
    'https://acme.lightning.force.com.mcas.ms/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com.mcas-gov.ms/lightning/r/Lead/00Q5g00000XyZ12EAF/view',
    // An Account: a person account gets the overlay, a business account nothing (the worker tells them apart)
    'https://acme.lightning.force.com/lightning/r/Account/0015g00000AbCdEAAV/view',
    // Classic
    'https://acme.my.salesforce.com/0035g00000AbCdE',
    'https://acme.my.salesforce.com/00Q5g00000XyZ12EAF',
    'https://acme.my.salesforce.com/0035g00000AbCdE?nooverride=1',
    'https://acme--uat.sandbox.my.salesforce.com/0035g00000AbCdE',
    'https://agency.my.salesforce.mil/0035g00000AbCdE',
    'https://acme.my.salesforce.com/0015g00000AbCdE',
    'https://acme.my.salesforce.com.mcas-gov.us/0035g00000AbCdE',
  ],
  'ae-connector-settings': [
    'https://pi.pardot.com/connector',
    'https://pi.pardot.com/connector/read/id/7',
    'https://pi.demo.pardot.com/connector/edit/id/7',
  ],
  'ae-field-settings': [
    'https://pi.pardot.com/prospectFieldDefault',
    'https://pi.pardot.com/prospectFieldDefault/read/id/12',
    'https://pi.demo.pardot.com/prospectFieldDefault/edit/id/12',
  ],
  none: [
    'https://pi.pardot.com/',
    'https://pi.pardot.com/prospect',
    'https://pi.pardot.com/prospect/read?id=',
    'https://pi.pardot.com/prospect/read?id=abc',
    'https://pi.pardot.com/prospect/read?id=0',
    'https://pi.pardot.com/prospect/read?id=-5',
    'https://pi.pardot.com/prospect/read?id=12.5',
    'https://pi.pardot.com/prospect/read?id=1&id=2',
    'https://pi.pardot.com/prospect/read/id/',
    'https://pi.pardot.com/prospect/read/id/12x',
    'https://pi.pardot.com/prospect/read?id=99999999999999999999',
    'http://pi.pardot.com/prospect/read?id=123',
    'https://pi.pardot.com:8443/prospect/read?id=123',
    'https://pi.pardot.com.evil.example/prospect/read?id=123',
    'https://evil.example/pi.pardot.com/prospect/read?id=123',
    'https://pi.pardot.com@evil.example/prospect/read?id=123',
    'https://go.pardot.com/prospect/read?id=123',
    'https://pi.pardot.com/form/read/id/5',
    'https://pi.pardot.com/connectors-are-elsewhere',
    'https://acme.lightning.force.com/lightning/page/home',
    'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent',
    'https://acme.lightning.force.com/lightning/r/Account/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0015g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Lead/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAA/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCd/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAVX/view',
    'https://acme.lightning.force.com/lightning/page/pardot/prospect?pardot__path=%2Fprospect%2Fread%3Fid%3D123',
    'https://acme.lightning.force.com.evil.example/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://evil.example/acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme.my.salesforce.com/0065g00000AbCdE',
    'https://acme.my.salesforce.com/0035g00000AbCdE/e',
    'https://acme.my.salesforce.com/home/home.jsp',
    'https://acme.my.salesforce.com/',
    'https://acme.my.salesforce.com.evil.example/0035g00000AbCdE',
    'https://acme.my.salesforce.com.mcas.ms.evil.example/0035g00000AbCdE',
    'https://acme.lightning.force.com.cas.ms/lightning/r/Contact/0035g00000AbCdEAAV/view',
    'https://acme.lightning.force.com/0035g00000AbCdE',
    'not a url',
    '',
    'chrome://extensions/',
  ],
};
